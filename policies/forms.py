"""The eligibility check's forms, built from the fact catalogue.

A field is named after the fact it asks, takes its wording, bounds and choices from
the catalogue, and cleans to the type the engine compares (Decimal, bool, str, a
frozenset of choices), with ``None`` for "I don't know". A fact added to the
catalogue is therefore asked without a form being written for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .money import MAX_INPUT_LENGTH, QuantityError, cny_in_words, parse_quantity
from .rules.facts import CATALOGUE, Fact, FactType, Topic
from .rules.formatting import number, percent

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN = ((YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("I don’t know")))
CHOICE_ATTRS = {"class": "form-check-input"}
EXAMPLES = {
    FactType.MONEY: "30,000,000",
    FactType.NUMBER: "2.5",
    FactType.INTEGER: "12",
    FactType.PERCENT: "60",
}


def _bound(fact: Fact, value: Decimal) -> str:
    """A bound as the visitor typed it: money in words, anything else with its unit."""
    if fact.type is FactType.MONEY:
        return cny_in_words(value, get_language() or "en")
    if fact.type is FactType.PERCENT:
        return percent(value)
    return f"{number(value)} {gettext(fact.unit)}".rstrip()


class QuantityField(forms.CharField):
    """A number typed freely ("30,000,000", "3000万", full-width digits), kept to the
    catalogue's bounds; blank is "not known" and cleans to ``None``."""

    def __init__(self, fact: Fact, **kwargs: object) -> None:
        self.fact = fact
        money = fact.type is FactType.MONEY
        width = "money" if money else "short"
        attrs = {
            "class": f"form-control check-input check-input--{width}",
            "inputmode": "decimal",
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": MAX_INPUT_LENGTH,
        }
        super().__init__(required=False, widget=forms.TextInput(attrs=attrs), **kwargs)
        self.prefix = gettext(fact.unit) if money else ""
        self.suffix = "" if money else gettext(fact.unit)

    def _error(self, message: str, code: str, **params: object) -> ValidationError:
        params = {"label": gettext(self.fact.label), **params}
        return ValidationError(message % params, code=code)

    def to_python(self, value: object) -> Decimal | None:
        text = super().to_python(value)
        try:
            quantity = parse_quantity(text, percent=self.fact.type is FactType.PERCENT)
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
        return quantity

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


class CodeField(forms.CharField):
    """A classification code such as a two-digit industry code; blank is not known."""

    def __init__(self, fact: Fact, **kwargs: object) -> None:
        self.fact = fact
        attrs = {
            "class": "form-control check-input check-input--code",
            "inputmode": "numeric",
            "autocomplete": "off",
            "spellcheck": "false",
        }
        super().__init__(
            required=False, max_length=20, widget=forms.TextInput(attrs=attrs), **kwargs
        )

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


def _unknown_is_none(value: str) -> object:
    return None if value == UNKNOWN else value


def _yes_no(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


def fact_field(fact: Fact) -> forms.Field:
    """The form field that asks ``fact``, with its label and help as hint."""
    label, hint = gettext(fact.label), gettext(fact.help)
    required = gettext("%(label)s: select an answer, or “I don’t know”") % {
        "label": label
    }
    if fact.numeric:
        return QuantityField(fact, label=label, help_text=hint)
    if fact.type is FactType.CODE:
        return CodeField(fact, label=label, help_text=hint)
    if fact.type is FactType.BOOLEAN:
        return forms.TypedChoiceField(
            label=label,
            help_text=hint,
            choices=YES_NO_UNKNOWN,
            coerce=_yes_no,
            widget=forms.RadioSelect(attrs=CHOICE_ATTRS),
            error_messages={"required": required},
        )
    choices = [(code, gettext(text)) for code, text in fact.choices]
    if fact.type is FactType.CHOICES:
        # Outside the f-string, where makemessages can find it.
        unticked = gettext("Leave them all unticked if you don’t know.")
        return forms.TypedMultipleChoiceField(
            label=label,
            help_text=f"{hint} {unticked}",
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs=CHOICE_ATTRS),
        )
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=[*choices, (UNKNOWN, gettext("I don’t know"))],
        coerce=_unknown_is_none,
        widget=forms.RadioSelect(attrs=CHOICE_ATTRS),
        error_messages={"required": required},
    )


def district_field(fact: Fact) -> forms.Field:
    """The district is the one answer every policy needs, so it has no "unknown"."""
    return forms.ChoiceField(
        label=gettext(fact.label),
        help_text=gettext(fact.help),
        choices=[("", gettext("Choose a district"))]
        + [(code, gettext(text)) for code, text in fact.choices],
        widget=forms.Select(attrs={"class": "form-select check-select"}),
        error_messages={
            "required": gettext(
                "Select the district where the enterprise is registered"
            )
        },
    )


class CheckForm(forms.Form):
    """A page of the check: its error summary, and its answers as stored in the
    session (the raw text typed, so a page shows "30,000,000" back as typed)."""

    def error_summary(self) -> list[tuple[str, str]]:
        """Each message with the id it links to (a group's first option)."""
        links = []
        for name, messages in self.errors.items():
            bound = self[name]
            # Checkboxes are a kind of RadioSelect in Django: both are groups.
            grouped = isinstance(bound.field.widget, forms.RadioSelect)
            anchor = f"{bound.auto_id}_0" if grouped else bound.auto_id
            links.extend((anchor, message) for message in messages)
        return links

    def raw_answers(self) -> dict[str, list[str]]:
        """This page's own fields from the submitted data, and nothing else."""
        return {
            name: self.data.getlist(name) for name in self.fields if name in self.data
        }

    def show_answers(self, raw: MultiValueDict | None) -> None:
        """Show stored answers as initial values, without validating them again."""
        for name, field in self.fields.items() if raw else ():
            if name in raw:
                many = isinstance(field.widget, forms.CheckboxSelectMultiple)
                self.initial[name] = raw.getlist(name) if many else raw.get(name)


class FactForm(CheckForm):
    """One step's questions: the facts named, in the order given."""

    def __init__(self, *args: object, facts: Sequence[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in facts:
            fact = CATALOGUE[name]
            self.fields[name] = (
                district_field(fact) if name == "district" else fact_field(fact)
            )

    @property
    def asks_figures(self) -> bool:
        """Whether a figure can be left blank here (the page says so)."""
        return any(
            isinstance(f, QuantityField | CodeField) for f in self.fields.values()
        )

    def facts(self) -> dict[str, object]:
        """The answers the enterprise gave, typed for the engine; unknowns left out."""
        known = {}
        for name, value in self.cleaned_data.items():
            if value is None or value == []:
                continue
            known[name] = frozenset(value) if isinstance(value, list) else value
        return known


def _gate_name(topic: Topic) -> str:
    return f"gate_{topic.slug}"


class GateForm(CheckForm):
    """The gate page: one yes / no / I don't know question per gated topic.

    Each option names the facts its topic would open in ``data-facts``, so a script
    or a test can tell what an answer leads to without knowing the rules.
    """

    def __init__(
        self, *args: object, topics: Mapping[Topic, Iterable[str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.topics = {_gate_name(topic): topic for topic in topics}
        for topic, facts in topics.items():
            question = gettext(topic.gate_question)
            self.fields[_gate_name(topic)] = forms.ChoiceField(
                label=question,
                choices=YES_NO_UNKNOWN,
                widget=forms.RadioSelect(
                    attrs={**CHOICE_ATTRS, "data-facts": " ".join(facts)}
                ),
                error_messages={
                    "required": gettext("%(topic)s: select yes, no or “I don’t know”")
                    % {"topic": gettext(topic.title)}
                },
            )

    def answers(self) -> dict[str, str]:
        """Topic slug to "yes", "no" or "unknown"."""
        return {
            self.topics[name].slug: value for name, value in self.cleaned_data.items()
        }


class ConfirmForm(CheckForm):
    """The "Check your answers" page asks nothing: submitting it asks for results."""
