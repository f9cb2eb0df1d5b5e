"""The eligibility check's forms, built from the fact catalogue.

A field is named after the fact it asks, takes its question, hint, bounds and
choices from the catalogue, and cleans to the type the engine compares (Decimal,
bool, str, a frozenset of choices), with ``None`` for "I don't know". A fact added
to the catalogue is therefore asked without a form being written for it.

A figure that looks like a slipped unit (``check_fields``) is queried once;
submitting it again keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .check_fields import (
    CodeField,
    QuantityField,
    YearField,
    gate_question,
    question,
    sentences,
)
from .rules.facts import CATALOGUE, TOPIC_BY_SLUG, Fact, FactType, Topic

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = ((YES, _("Yes")), (NO, _("No")))
YES_NO_UNKNOWN = (*YES_NO, (UNKNOWN, _("I don’t know")))
CHOICE_ATTRS = {"class": "form-check-input"}
CONFIRM = "confirm"  # the hidden field that carries "fact=typed text" once queried
UNLIKELY = "unlikely"  # the code of a query of a figure, which may be kept as typed


def _unknown_is_none(value: str) -> object:
    return None if value == UNKNOWN else value


def _yes_no(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


def fact_field(fact: Fact) -> forms.Field:
    """The form field that asks ``fact``, with its question and its hint."""
    label, hint = question(fact), gettext(fact.help)
    required = gettext("%(label)s: select an answer, or “I don’t know”") % {
        "label": gettext(fact.label)
    }
    if fact.asked_as_year:
        return YearField(fact, label=label, help_text=hint)
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
            help_text=sentences(hint, unticked),
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
        label=question(fact),
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
    session (the text typed, so a page shows "30,000,000" back as typed)."""

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

    @property
    def only_queries(self) -> bool:
        """Whether every message on the page queries a figure the visitor may keep
        as typed: the summary then asks to check them, not that something is wrong."""
        codes = [e.code for errors in self.errors.as_data().values() for e in errors]
        return bool(codes) and all(code == UNLIKELY for code in codes)

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The page's questions under their headings (none by default)."""
        return [("", list(self))]

    @property
    def asks_one_thing(self) -> bool:
        """A page of one question, which is then the page's heading."""
        return len(self.fields) == 1

    def raw_answers(self) -> dict[str, list[str]]:
        """This page's own fields from the submitted data, and nothing else; money
        with its unit written out. Every question asked is kept, unanswered ones
        (boxes left unticked) as empty, so a question added to the page later is
        told apart from one answered "none"."""
        raw = {}
        for name, field in self.fields.items():
            values = self.data.getlist(name)
            if isinstance(field, QuantityField):
                values = [field.stored(value) for value in values]
            raw[name] = values
        return raw

    @property
    def answers_every_question(self) -> bool:
        """Whether the bound answers cover every question the page asks now."""
        return all(name in self.data for name in self.fields)

    def show_answers(self, raw: MultiValueDict | None) -> None:
        """Show stored answers as initial values, without validating them again."""
        for name, field in self.fields.items() if raw else ():
            if raw.getlist(name):
                many = isinstance(field.widget, forms.CheckboxSelectMultiple)
                value = raw.getlist(name) if many else raw.get(name)
                if isinstance(field, QuantityField):
                    value = field.shown(value)
                self.initial[name] = value


class FactForm(CheckForm):
    """One step's questions: the facts named, in the order given.

    ``follow_ups`` names the questions that an earlier answer on the page can make
    moot (``Plan.follow_ups``), for the page to reveal them; ``check_figures``
    queries unlikely figures, for a page just submitted.
    """

    def __init__(
        self,
        *args: object,
        facts: Sequence[str],
        follow_ups: Mapping[str, tuple[str, Iterable[str]]] | None = None,
        check_figures: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.check_figures = check_figures
        # "fact=typed text" of each unlikely figure: sent back with the page, so
        # that submitting the same text again keeps it.
        self.queried: list[str] = []
        for name in facts:
            fact = CATALOGUE[name]
            self.fields[name] = (
                district_field(fact) if name == "district" else fact_field(fact)
            )
        self.follow_ups = dict(follow_ups or {})
        for name, (earlier, answers) in self.follow_ups.items():
            self.fields[name].follows = (earlier, " ".join(answers))
        money = [f for f in self.fields.values() if getattr(f, "money", False)]
        for later in money[1:]:
            later.unit_note = ""  # said once, under the page's first money box

    @property
    def asks_figures(self) -> bool:
        """Whether a figure can be left blank here (the page says so)."""
        return any(
            isinstance(f, QuantityField | CodeField | YearField)
            for f in self.fields.values()
        )

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The questions by topic, titled when the page asks more than one topic."""
        groups: dict[str, list[forms.BoundField]] = {}
        for name in self.fields:
            groups.setdefault(CATALOGUE[name].topic, []).append(self[name])
        if len(groups) == 1:
            return [("", next(iter(groups.values())))]
        return [
            (gettext(TOPIC_BY_SLUG[topic].title), fields)
            for topic, fields in groups.items()
        ]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        moot = self._moot()
        for name in moot:
            self.errors.pop(name, None)
            cleaned.pop(name, None)
        if self.check_figures:
            self._query_unlikely_figures(skip=moot)
        return cleaned

    def _moot(self) -> list[str]:
        """Follow-ups whose earlier question was answered so as to make them moot:
        hidden on the page, so neither required nor read."""
        moot = []
        for name, (earlier, answers) in self.follow_ups.items():
            given = self.data.get(earlier)
            if (
                earlier not in self.errors
                and given is not None
                and given not in answers
            ):
                moot.append(name)
        return moot

    def _query_unlikely_figures(self, skip: Iterable[str]) -> None:
        confirmed = set(self.data.getlist(CONFIRM))
        for name, field in self.fields.items():
            if not isinstance(field, QuantityField) or name in self.errors:
                continue
            if name in skip:
                continue
            text = self.data.get(name, "")
            reading = field.read(text)
            doubt = "" if reading is None else field.doubt(reading)
            if not doubt:
                continue
            self.queried.append(f"{name}={text}")
            if self.queried[-1] not in confirmed:
                self.add_error(name, ValidationError(doubt, code=UNLIKELY))

    def fact(self, name: str) -> object:
        """The answer to one question, typed for the engine; ``None`` if unknown."""
        value = self.cleaned_data.get(name)
        if value is None or value == []:
            return None
        return frozenset(value) if isinstance(value, list) else value

    def facts(self) -> dict[str, object]:
        """The answers the enterprise gave, typed for the engine; unknowns left out."""
        known = {name: self.fact(name) for name in self.cleaned_data}
        return {name: value for name, value in known.items() if value is not None}


def _gate_name(topic: Topic) -> str:
    return f"gate_{topic.slug}"


class GateForm(CheckForm):
    """The gate page: one yes / no / I don't know question per gated topic (yes or
    no where the gate offers to include something).

    Each option names the facts its topic would open in ``data-facts``, so a script
    or a test can tell what an answer leads to without knowing the rules.
    """

    def __init__(
        self, *args: object, topics: Mapping[Topic, Iterable[str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.topics = {_gate_name(topic): topic for topic in topics}
        for topic, facts in topics.items():
            if topic.gate_is_choice:
                choices = YES_NO
                required = gettext("%(topic)s: select yes or no")
            else:
                choices = YES_NO_UNKNOWN
                required = gettext("%(topic)s: select yes, no or “I don’t know”")
            self.fields[_gate_name(topic)] = forms.ChoiceField(
                label=gate_question(topic),
                choices=choices,
                widget=forms.RadioSelect(
                    attrs={**CHOICE_ATTRS, "data-facts": " ".join(facts)}
                ),
                error_messages={"required": required % {"topic": gettext(topic.title)}},
            )

    def answers(self) -> dict[str, str]:
        """Topic slug to "yes", "no" or "unknown"."""
        return {
            self.topics[name].slug: value for name, value in self.cleaned_data.items()
        }


class ConfirmForm(CheckForm):
    """The "Check your answers" page asks nothing: submitting it asks for results."""
