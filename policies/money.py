"""Reading amounts as people type them and reading them back in words.

Enterprises copy figures from Chinese and English statements alike: "30,000,000",
"3 000 万", full-width "３０００万元". ``parse_quantity`` accepts all of these so the
wizard never rejects a sensible figure, and ``cny_in_words`` says the result back
("CNY 30 million", "3,000万元") so a slip of one zero shows on the check page.
Pure functions, no Django, so they are tested and reused alone.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

MULTIPLIERS = {
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
}
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


def parse_quantity(text: str, *, percent: bool = False) -> Decimal | None:
    """Read a typed non-negative quantity; blank means "not known" and gives None.

    Raises ``QuantityError("negative")`` for a minus sign, so the message can say
    what is wrong, and ``QuantityError("invalid")`` for anything else that is not a
    plain finite number (letters, "NaN", "1e30", misplaced separators).
    """
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_INPUT_LENGTH:
        raise QuantityError("invalid")
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
        value *= MULTIPLIERS[match["unit"].lower()]
    # An integer keeps no ".0" (and int() is exact however many digits were typed).
    return Decimal(int(value)) if value == value.to_integral_value() else value


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
CHINESE_SCALES = (
    (Decimal(10) ** 12, "万亿"),
    (Decimal(10) ** 8, "亿"),
    (Decimal(10) ** 4, "万"),
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

    Amounts below a million (English) or ten thousand (Chinese) are written out in
    full, as they read easily already. A figure that two decimals cannot hold
    exactly is marked "about" / "约", so the words never claim false precision.
    """
    amount = Decimal(amount)
    chinese = language.lower().startswith("zh")
    size, word = _scale(amount, CHINESE_SCALES if chinese else ENGLISH_SCALES)
    text, exact = _short(amount / size)
    if chinese:
        return f"{'' if exact else '约'}{text}{word}元"
    words = f"CNY {text} {word}".rstrip()
    return words if exact else f"about {words}"
