"""The check's input boxes: money, years and codes typed freely, and the wording
of the questions that ask them.

Money is typed in the page's own unit (yuan in English, 万元 in Chinese) and kept
with its unit written out, so an answer means the same after a change of language;
it is read back as typed ("= 3000万元"). A figure far from what its question
usually gets ("200" yuan of annual revenue, a share of "0.5" percent: the
catalogue's usual range for the question) is doubted, for the form to query it
once. Questions name this check's fiscal years, from the date in Beijing.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext

from .money import MAX_INPUT_LENGTH, QuantityError, Reading, cny_in_words, read_quantity
from .rules.facts import Fact, FactType, Topic, question_years
from .rules.formatting import WAN, money, number, percent
from .status import beijing_today

EXAMPLES = {
    FactType.MONEY: "30,000,000",
    FactType.NUMBER: "2.5",
    FactType.INTEGER: "12",
    FactType.PERCENT: "60",
}
# The slip each kind of figure is prone to, as the factor between what was typed
# and what was likely meant: yuan typed for 万元, a fraction for a percentage.
SLIPS = {FactType.MONEY: WAN, FactType.PERCENT: Decimal(100)}


def this_year() -> int:
    """The current year in Beijing (``TIME_ZONE``), which names the fiscal years."""
    return beijing_today().year


def question(fact: Fact) -> str:
    """The fact's question in the page's language, with this check's years in it."""
    return gettext(fact.question or fact.label) % question_years(this_year())


def gate_question(topic: Topic) -> str:
    return gettext(topic.gate_question) % question_years(this_year())


def _chinese() -> bool:
    return (get_language() or "en").lower().startswith("zh")


def sentences(*texts: str) -> str:
    """Sentences run together as the page's language writes them: Chinese puts no
    space after its full stop."""
    return ("" if _chinese() else " ").join(t for t in texts if t)


def _bound(fact: Fact, value: Decimal) -> str:
    """A bound as the visitor typed it: money in words, anything else with its unit."""
    if fact.type is FactType.MONEY:
        return cny_in_words(value, get_language() or "en")
    if fact.type is FactType.PERCENT:
        return percent(value)
    return f"{number(value)} {gettext(fact.unit)}".rstrip()


def text_box(width: str, inputmode: str, **attrs: object) -> forms.TextInput:
    """A box for a figure or a code: sized to what it holds, with the phone keypad
    that suits it, and nothing the browser would fill in or correct."""
    return forms.TextInput(
        attrs={
            "class": f"form-control check-input check-input--{width}",
            "inputmode": inputmode,
            "autocomplete": "off",
            "spellcheck": "false",
            **attrs,
        }
    )


class QuantityField(forms.CharField):
    """A number typed freely ("30,000,000", "3000万", full-width digits), kept to the
    catalogue's bounds; blank is "not known" and cleans to ``None``.

    Money is read in the page's unit: a bare "3000" is 3000万元 on a Chinese page and
    CNY 3,000 on an English one, while a typed unit ("万", "亿", "元", "million")
    always wins.
    """

    def __init__(self, fact: Fact, **kwargs: object) -> None:
        self.fact = fact
        self.money = fact.type is FactType.MONEY
        self.unit = WAN if self.money and _chinese() else Decimal(1)
        attrs: dict[str, object] = {"maxlength": MAX_INPUT_LENGTH}
        if self.money:
            attrs["data-money-unit"] = str(self.unit)
        width = "money" if self.money else "short"
        widget = text_box(width, "decimal", **attrs)
        super().__init__(required=False, widget=widget, **kwargs)
        # The unit beside the box, and as a screen reader hears it in the label.
        self.unit_note = self.unit_label = ""
        if not self.money:
            self.prefix, self.suffix = "", gettext(fact.unit)
        elif self.unit == WAN:
            self.prefix, self.suffix, self.unit_label = "", "万元", "（单位：万元）"
            self.unit_note = gettext(
                "Unit: 10,000 yuan. You can also type “1.2亿” or “30,000,000元”."
            )
        else:
            self.prefix, self.suffix = gettext(fact.unit), ""
            self.unit_label = f" ({self.prefix})"
            self.unit_note = gettext(
                "In yuan. You can also type “30 million” or “3000万”."
            )

    def _error(self, message: str, code: str, **params: object) -> ValidationError:
        params = {"label": gettext(self.fact.label), **params}
        return ValidationError(message % params, code=code)

    def read(self, text: object) -> Reading | None:
        """The typed text read in this box's unit; ``ValidationError`` if it is not a
        figure."""
        text = super().to_python(text)
        try:
            return read_quantity(
                text, percent=self.fact.type is FactType.PERCENT, unit=self.unit
            )
        except QuantityError as error:
            if error.code == "negative":
                raise self._error(
                    gettext("%(label)s cannot be negative"), "negative"
                ) from None
            raise self._error(
                gettext("%(label)s must be a number, like %(example)s"),
                "invalid",
                example=EXAMPLES[self.fact.type],
            ) from None

    def to_python(self, value: object) -> Decimal | None:
        reading = self.read(value)
        return None if reading is None else reading.value

    def validate(self, value: Decimal | None) -> None:
        if value is None:
            return
        fact = self.fact
        if fact.type is FactType.INTEGER and value != value.to_integral_value():
            raise self._error(
                gettext("%(label)s must be a whole number, like %(example)s"),
                "whole",
                example=EXAMPLES[fact.type],
            )
        if fact.minimum is not None and value < fact.minimum:
            raise self._error(
                gettext("%(label)s must be %(bound)s or more"),
                "minimum",
                bound=_bound(fact, fact.minimum),
            )
        if fact.maximum is not None and value > fact.maximum:
            raise self._error(
                gettext("%(label)s must be %(bound)s or less"),
                "maximum",
                bound=_bound(fact, fact.maximum),
            )

    def doubt(self, reading: Reading) -> str:
        """Why a valid figure looks like a slipped unit, with the likelier figure;
        empty when it looks right.

        The catalogue says what an answer usually is (``Fact.usual_minimum`` and
        ``usual_maximum``); only a figure outside that range in the direction of a
        slip is doubted: too small when read in yuan (or as a percentage), too
        large when a bare figure was read in 万元.
        """
        fact, value = self.fact, reading.value
        slip = SLIPS.get(fact.type)
        if slip is None or value <= 0:
            return ""
        low, high = fact.usual_minimum, fact.usual_maximum
        if low is not None and value < low and reading.multiplier == 1:
            message = gettext(
                "Check %(label)s: %(amount)s is unusually small. Did you mean "
                "%(likelier)s? Correct it, or select Continue again to keep %(amount)s."
            )
            likelier = value * slip
        elif (
            high is not None
            and value > high
            and reading.multiplier == slip
            and not reading.unit_typed
        ):
            message = gettext(
                "Check %(label)s: %(amount)s is unusually large. This box is in "
                "万元: did you mean %(likelier)s? Correct it, or select Continue "
                "again to keep %(amount)s."
            )
            likelier = value / slip
        else:
            return ""
        return message % {
            "label": gettext(fact.label),
            "amount": self.figure(value),
            "likelier": self.figure(likelier),
        }

    def figure(self, value: Decimal) -> str:
        """``value`` as the results write this box's figures."""
        return money(value) if self.money else percent(value)

    def stored(self, text: str) -> str:
        """The typed text as kept: a bare money figure gets its unit written out
        ("3000" on a Chinese page is kept as "3000万"), so that it means the same
        whichever language the answers are read in later."""
        try:
            reading = self.read(text)
        except ValidationError:
            return text
        if not self.money or reading is None or reading.unit_typed:
            return text
        return f"{text.strip()}{'万' if self.unit == WAN else '元'}"

    def shown(self, text: str) -> str:
        """A kept figure as its box shows it: without the unit the box already says."""
        mark = "万" if self.unit == WAN else "元"
        bare = text.strip().removesuffix(mark)
        if not self.money or bare == text.strip():
            return text
        try:
            reading = self.read(bare)
        except ValidationError:
            return text
        return bare if reading is not None and not reading.unit_typed else text

    def readback(self, text: str) -> str:
        """The figure a money box holds, said back ("= 3000万元"); empty otherwise."""
        if not self.money:
            return ""
        try:
            reading = self.read(text)
        except ValidationError:
            return ""
        if reading is None:
            return ""
        words = cny_in_words(reading.value, get_language() or "en")
        shown = money(reading.value)
        return f"= {shown}" if words == shown else f"= {shown} ({words})"


class YearField(forms.CharField):
    """A count of years since an event, asked as the event's year ("2025") and
    cleaned to the count the rules compare: this year minus that year."""

    def __init__(self, fact: Fact, **kwargs: object) -> None:
        self.fact = fact
        widget = text_box("year", "numeric", maxlength=6)
        super().__init__(required=False, widget=widget, **kwargs)

    def to_python(self, value: object) -> Decimal | None:
        text = unicodedata.normalize("NFKC", super().to_python(value)).strip()
        text = text.removesuffix("年").strip()
        if not text:
            return None
        now = this_year()
        if not re.fullmatch(r"[0-9]{4}", text):
            raise ValidationError(
                gettext("Enter the year as four digits, like %(example)s")
                % {"example": now - 1},
                code="year",
            )
        if int(text) > now:
            raise ValidationError(
                gettext("The year cannot be later than this year, %(year)s")
                % {"year": now},
                code="future",
            )
        earliest = now - int(self.fact.maximum)
        if int(text) < earliest:
            raise ValidationError(
                gettext("The year must be %(year)s or later") % {"year": earliest},
                code="past",
            )
        return Decimal(now - int(text))


class CodeField(forms.CharField):
    """A classification code such as a two-digit industry code; blank is not known."""

    def __init__(self, fact: Fact, **kwargs: object) -> None:
        self.fact = fact
        widget = text_box("code", "numeric")
        super().__init__(required=False, max_length=20, widget=widget, **kwargs)

    def to_python(self, value: object) -> str | None:
        text = unicodedata.normalize("NFKC", super().to_python(value)).strip()
        if not text:
            return None
        if self.fact.pattern and not re.fullmatch(self.fact.pattern, text):
            raise ValidationError(
                gettext("%(label)s must be two digits, like 65")
                % {"label": gettext(self.fact.label)},
                code="pattern",
            )
        return text
