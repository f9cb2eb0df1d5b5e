"""Reading amounts as people type them and reading them back in words.

Enterprises copy figures from Chinese and English statements alike: "30,000,000",
"3 000 万", full-width "３０００万元". ``parse_quantity`` accepts all of these so the
wizard never rejects a sensible figure, and ``cny_in_words`` says the result back
("CNY 30 million", "3000万元") so a slip of one zero shows on the check page.

A bare figure is read in the box's own unit: yuan in English, 万元 in Chinese, where
statements and forms are kept in 万元. A typed unit always wins: "3000万", "1.2亿",
"30,000,000元", "30 million". Pure functions, no Django, so they are tested and
reused alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .rules.formatting import SCALES, chinese_yuan

CURRENCY_MARKS = re.compile(r"cny|rmb|yuan|[¥元]", re.IGNORECASE)
NUMBER = re.compile(
    r"(?P<sign>[-−]?)(?P<whole>[0-9][0-9,]*)?(?:\.(?P<fraction>[0-9]+))?"
    r"(?P<unit>万|亿|million|billion)?",
    re.IGNORECASE,
)
# A comma must separate groups of three digits, or of four as 万-style grouping
# does; "1,5" is refused rather than read as fifteen.
GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*|[0-9]{1,4}(?:,[0-9]{4})*")
MAX_INPUT_LENGTH = 40


class QuantityError(ValueError):
    """Why typed text is not a quantity; ``code`` picks the message a form shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Reading:
    """A typed quantity: its value, and the multiplier it was read with (1 for
    yuan, 10,000 for 万...) with whether the text itself said so."""

    value: Decimal
    multiplier: Decimal
    unit_typed: bool


def parse_quantity(
    text: str, *, percent: bool = False, unit: Decimal = Decimal(1)
) -> Decimal | None:
    """Read a typed non-negative quantity; blank means "not known" and gives None.

    ``unit`` multiplies a bare figure (10,000 where the box is in 万元). Raises
    ``QuantityError("negative")`` for a minus sign, so the message can say what is
    wrong, and ``QuantityError("invalid")`` for anything else that is not a plain
    finite number (letters, "NaN", "1e30", misplaced separators).
    """
    reading = read_quantity(text, percent=percent, unit=unit)
    return None if reading is None else reading.value


def read_quantity(
    text: str, *, percent: bool = False, unit: Decimal = Decimal(1)
) -> Reading | None:
    """``parse_quantity`` that also tells which unit the figure was read in."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_INPUT_LENGTH:
        raise QuantityError("invalid")
    currency = bool(CURRENCY_MARKS.search(cleaned))
    cleaned = CURRENCY_MARKS.sub("", cleaned)
    if percent:
        cleaned = cleaned.removesuffix("%")
    cleaned = re.sub(r"\s+", "", cleaned)
    match = NUMBER.fullmatch(cleaned)
    if not match or not (match["whole"] or match["fraction"]):
        raise QuantityError("invalid")
    whole = match["whole"] or "0"
    if "," in whole and not GROUPED.fullmatch(whole):
        raise QuantityError("invalid")
    if match["sign"]:
        raise QuantityError("negative")
    value = Decimal(f"{whole.replace(',', '')}.{match['fraction'] or '0'}")
    if match["unit"]:
        multiplier = SCALES[match["unit"].lower()]
    else:
        # A currency mark alone ("元", "CNY", "¥") says the figure is in yuan.
        multiplier = Decimal(1) if currency else unit
    value *= multiplier
    # An integer keeps no ".0" (and int() is exact however many digits were typed).
    if value == value.to_integral_value():
        value = Decimal(int(value))
    return Reading(value, multiplier, bool(match["unit"]) or currency)


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _short(value: Decimal) -> tuple[str, bool]:
    """``value`` with at most two decimals and separators, and whether that is exact."""
    rounded = _rounded(value)
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return text, rounded == value


ENGLISH_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def _scale(
    amount: Decimal, scales: tuple[tuple[Decimal, str], ...]
) -> tuple[Decimal, str]:
    """The largest scale ``amount`` reaches; one it only rounds up to counts too
    (999,999,999 is "about CNY 1 billion", not "1,000 million"), except the smallest,
    below which figures are written out in full."""
    *larger, (smallest, smallest_word) = scales
    for size, word in larger:
        if _rounded(amount / size) >= 1:
            return size, word
    if amount >= smallest:
        return smallest, smallest_word
    return Decimal(1), ""


def cny_in_words(amount: Decimal | int, language: str = "en") -> str:
    """``amount`` of CNY the way a reader says it: "CNY 30 million", "1.5亿元".

    Amounts below a million are written out in full in English, as they read easily
    already; a figure that two decimals cannot hold exactly is marked "about", so the
    words never claim false precision. Chinese is ``formatting.chinese_yuan``, the
    wording the results use.
    """
    amount = Decimal(amount)
    if language.lower().startswith("zh"):
        return chinese_yuan(amount)
    size, word = _scale(amount, ENGLISH_SCALES)
    text, exact = _short(amount / size)
    words = f"CNY {text} {word}".rstrip()
    return words if exact else f"about {words}"
