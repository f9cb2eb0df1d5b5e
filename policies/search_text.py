"""How the policy search reads what a visitor typed, in plain Python.

Case, character width and punctuation never decide whether something is found:
"DC5", "dc-5" and "ＤＣ－５" all name DC-5, and "营收，大模型" is two words. A phrase
in the synonym table ("large model") counts as one term even inside a run of
Chinese, which is written without spaces (营收增长 is 营收 and 增长).
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_TERMS = 8
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Kept inside a word: "high-tech", "R&D", "Beijing's"; anything else separates.
JOINERS = "-&'"
LIST_SEPARATORS = re.compile(r"[\n,;，、；]+")


@dataclass(frozen=True)
class Term:
    """One thing a result must contain: the word typed, or any word standing for it."""

    typed: str
    alternatives: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return (self.typed, *self.alternatives)


def is_chinese(word: str) -> bool:
    return bool(CJK.search(word))


def normalized(text: str) -> str:
    """``text`` as the search compares it: half-width, lower case, punctuation
    (other than inside a word) turned into single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    spaced = "".join(" " if _separates(ch) else ch for ch in text)
    return " ".join(
        word.strip(JOINERS) for word in spaced.split() if word.strip(JOINERS)
    )


def phrase_key(text: str) -> str:
    """A synonym as the table stores it: normalised, and with hyphens between words
    as spaces, since "large-model" and "large model" are one phrase to a reader."""
    return " ".join(normalized(text).replace("-", " ").split())


def code_key(text: str) -> str:
    """Letters and digits only, so "DC-5", "dc5" and "Dc 5" compare equal."""
    return "".join(ch for ch in normalized(text) if ch.isalnum())


def phrases(text: str) -> list[str]:
    """A list staff typed one per line or separated by commas (either width) or 、,
    each entry normalised, empty ones and repeats left out."""
    found = [normalized(part) for part in LIST_SEPARATORS.split(text)]
    return list(dict.fromkeys(part for part in found if part))


def terms(
    query: str, synonyms: Mapping[str, Sequence[str]] | None = None
) -> list[Term]:
    """The terms of ``query``, all of which a result must contain; a word or phrase
    in ``synonyms`` (keys normalised) brings the words that stand for it."""
    text = normalized(query)
    found = []
    for phrase in sorted(synonyms or {}, key=len, reverse=True):
        pattern = _phrase_pattern(phrase)
        if pattern.search(text):
            found.append(Term(phrase, tuple(synonyms[phrase])))
            text = pattern.sub(" ", text)
    found += [Term(word) for word in text.split()]
    return found[:MAX_TERMS]


def text_matches(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` as the database search finds it: Chinese
    anywhere, other words at the start of a word."""
    text = normalized(text)
    if is_chinese(word):
        return word in text
    return re.search(r"\b" + re.escape(word), text) is not None


def _separates(ch: str) -> bool:
    if ch.isspace():
        return True
    return unicodedata.category(ch)[0] in "PS" and ch not in JOINERS


def _phrase_pattern(phrase: str) -> re.Pattern:
    """A synonym as it may appear in a normalised query: anywhere when Chinese,
    otherwise as whole words, with spaces or hyphens between them and perhaps an
    English plural "s" ("large models")."""
    body = r"[\s-]+".join(re.escape(part) for part in phrase.split())
    if is_chinese(phrase):
        return re.compile(body)
    return re.compile(rf"(?<!\w){body}s?(?!\w)")
