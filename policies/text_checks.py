"""Where a policy's headline or summary states a sum of money its rules no longer
give: the warning a publisher reads before the words and the rules disagree in
public. The figures are read by ``rules.text_figures``; this names the field and
the language each one is in."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Policy
from .rules import formatting
from .rules.errors import RuleError
from .rules.text_figures import Figure, unsupported
from .selectors import policy_rule

CHECKED_FIELDS = ("headline_benefit", "summary")


@dataclass(frozen=True)
class TextContradiction:
    """A field in one language, and the figures in it the rules do not give."""

    field: str
    label: str
    text: str
    figures: tuple[Figure, ...]

    @property
    def message(self) -> str:
        return _(
            "%(field)s states %(figures)s, but the rules give no such amount or "
            "threshold. Correct the text or the rules."
        ) % {
            "field": self.label,
            "figures": ", ".join(
                f"“{figure.text}” ({formatting.money(figure.value)})"
                for figure in self.figures
            ),
        }


def text_contradictions(policy: Policy) -> list[TextContradiction]:
    """Each checked field, in each language, that states an amount the policy's
    rules cannot produce; none when the rules cannot be read (the check says so)."""
    try:
        rule = policy_rule(policy=policy)
    except RuleError:
        return []
    found = []
    for name in CHECKED_FIELDS:
        label = capfirst(str(Policy._meta.get_field(name).verbose_name))
        for code, language in settings.LANGUAGES:
            column = f"{name}_{code.replace('-', '_')}"
            text = getattr(policy, column) or ""
            wrong = unsupported(text, rule)
            if wrong:
                found.append(
                    TextContradiction(
                        column, f"{label} ({language})", text, tuple(wrong)
                    )
                )
    return found
