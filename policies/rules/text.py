"""The engine's one link to translation: a hook that Django fills in at start-up.

The engine must not import Django, yet its labels and explanations have to appear in
the visitor's language. Strings are marked with ``N_`` (a no-op that ``makemessages
-k N_`` picks up) where they are defined, and passed through ``translate`` when they
are shown. ``policies.apps`` installs Django's ``gettext`` as the translator; alone,
the engine speaks English. The active language's code is read through a second hook,
so that amounts can be written as its readers write them (万元 in Chinese).
"""

from collections.abc import Callable, Iterable


def _no_language() -> str | None:
    return None


_translator: Callable[[str], str] = str
_language: Callable[[], str | None] = _no_language


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message


def translate(message: str) -> str:
    """Translate ``message`` with the installed translator (identity by default)."""
    return _translator(message)


def set_translator(
    translator: Callable[[str], str],
    language: Callable[[], str | None] | None = None,
) -> None:
    """Install the function that turns a marked message into the active language,
    and the one that names that language."""
    global _translator, _language
    _translator = translator
    if language is not None:
        _language = language


def language() -> str:
    """The active language's code ("en", "zh-hans"); English when none is set."""
    return (_language() or "en").lower()


def chinese() -> bool:
    return language().startswith("zh")


def listing(items: Iterable[str]) -> str:
    """Items in a row as the active language writes them: 、 between them in
    Chinese (人工智能、集成电路), a comma in English."""
    return ("、" if chinese() else ", ").join(items)


def clauses(items: Iterable[str]) -> str:
    """Clauses in a row as the active language writes them: ； in Chinese, a
    semicolon and a space in English."""
    return ("；" if chinese() else "; ").join(items)


def say(message: str, **values: object) -> str:
    """Translate ``message`` (marked with ``N_``) and fill in its named placeholders."""
    translated = translate(message)
    return translated % values if values else translated
