"""Form fields that choose a fact from the catalogue, and the help that says which
fields each amount kind needs: what a member of staff sees is the fact's name, its
label and unit, with its help as a tooltip."""

from collections.abc import Callable, Iterable

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext

from policies.models import Route
from policies.rules.describe import fact_label
from policies.rules.facts import CATALOGUE, TOPICS, Fact
from policies.rules.text import translate
from policies.rules.validation import NEEDS, OPTIONAL
from policies.rules.validation.routes import amount_input
from policies.rules.vocabulary import AMOUNT_KIND_LABELS


def _amount_fields_help() -> str:
    """Which fields each amount kind needs, as a list for the route form."""
    items = []
    for kind, needed in NEEDS.items():
        names = needed + OPTIONAL.get(kind, ())
        fields = ", ".join(
            str(Route._meta.get_field(name).verbose_name) for name in names
        )
        items.append(
            (translate(AMOUNT_KIND_LABELS[kind]), fields or gettext("nothing"))
        )
    return format_html(
        "{}<ul>{}</ul>",
        gettext(
            "Routes are edited below. Each kind of amount needs these fields "
            "(optional ones included) and leaves the others empty:"
        ),
        format_html_join("", "<li><strong>{}</strong>: {}</li>", items),
    )


AMOUNT_FIELDS_HELP = lazy(_amount_fields_help, str)()


def fact_choices(keep: Callable[[Fact], bool] = lambda fact: True) -> Callable:
    """Catalogue facts kept by ``keep``, grouped by topic, for a ChoiceField.

    Returned as a callable so the labels are translated per request, not once at
    import time.
    """

    def choices() -> list:
        groups = [("", "---------")]
        for topic in TOPICS:
            facts = [f for f in CATALOGUE.values() if f.topic == topic.slug and keep(f)]
            if facts:
                groups.append((translate(topic.title), _options(facts)))
        derived = [f for f in CATALOGUE.values() if f.derived and keep(f)]
        if derived:
            groups.append((gettext("Worked out from other facts"), _options(derived)))
        return groups

    return choices


def _options(facts: Iterable[Fact]) -> list[tuple[str, str]]:
    return [(fact.name, fact_label(fact)) for fact in facts]


class FactSelect(forms.Select):
    """A select whose options carry the fact's help as a tooltip."""

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        fact = CATALOGUE.get(str(value))
        if fact is not None and fact.help:
            option["attrs"]["title"] = translate(fact.help)
        return option


def fact_field(label: str, keep: Callable[[Fact], bool], **kwargs) -> forms.Field:
    return forms.ChoiceField(
        label=label, choices=fact_choices(keep), widget=FactSelect, **kwargs
    )


def route_fact_field(name: str) -> forms.Field:
    """A route's fact field: the model's label and help, facts an amount may use."""
    field = Route._meta.get_field(name)
    return fact_field(
        capfirst(field.verbose_name),
        lambda fact: amount_input(fact.name),
        required=False,
        help_text=field.help_text,
    )
