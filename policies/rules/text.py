"""The engine's one link to translation: a hook that Django fills in at start-up.

The engine must not import Django, yet its labels and explanations have to appear in
the visitor's language. Strings are marked with ``N_`` (a no-op that ``makemessages
-k N_`` picks up) where they are defined, and passed through ``translate`` when they
are shown. ``policies.apps`` installs Django's ``gettext`` as the translator; alone,
the engine speaks English.
"""

from collections.abc import Callable

_translator: Callable[[str], str] = str


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message


def translate(message: str) -> str:
    """Translate ``message`` with the installed translator (identity by default)."""
    return _translator(message)


def set_translator(translator: Callable[[str], str]) -> None:
    """Install the function that turns a marked message into the active language."""
    global _translator
    _translator = translator


def say(message: str, **values: object) -> str:
    """Translate ``message`` (marked with ``N_``) and fill in its named placeholders."""
    translated = translate(message)
    return translated % values if values else translated
