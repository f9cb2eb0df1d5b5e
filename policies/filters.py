"""The search and filter form of the policy list: a GET form, so a search can be
bookmarked or shared and works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Policy, Region
from .rules.facts import TECH_FIELDS
from .rules.text import translate
from .selectors import FilterOptions
from .status import ApplicationStatus

ANY = [("", _("Any"))]
APPLICATION_STATUS_LABELS = {
    ApplicationStatus.OPEN: pgettext_lazy("applications", "Open now"),
    ApplicationStatus.UPCOMING: pgettext_lazy("applications", "Opening soon"),
    ApplicationStatus.ROLLING: pgettext_lazy("applications", "Accepted at any time"),
    ApplicationStatus.CLOSED: pgettext_lazy("applications", "Closed"),
    ApplicationStatus.UNANNOUNCED: pgettext_lazy("applications", "Not announced"),
}
SELECT = forms.Select(attrs={"class": "form-select"})
SORT_GUIDE = "guide"
SORT_AMOUNT = "amount"


def _tech_field_choices() -> list[tuple[str, str]]:
    """The catalogue's technology fields, labelled in the active language."""
    return ANY + [
        (key, translate(label)) for key, label in TECH_FIELDS if key != "other"
    ]


class PolicyFilterForm(forms.Form):
    """Words to look for and the filters; every field may be left empty."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "type": "search",
                "aria-describedby": "q-hint",
            }
        ),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
        widget=SELECT,
    )
    benefit_type = forms.ChoiceField(
        label=_("Benefit type"),
        required=False,
        choices=ANY + Policy.BenefitType.choices,
        widget=SELECT,
    )
    legal_status = forms.ChoiceField(
        label=_("Legal status"),
        required=False,
        choices=ANY + Policy.LegalStatus.choices,
        widget=SELECT,
    )
    application = forms.ChoiceField(
        label=_("Applications"),
        required=False,
        choices=ANY + list(APPLICATION_STATUS_LABELS.items()),
        widget=SELECT,
    )
    tech_field = forms.ChoiceField(
        label=_("Technology field"),
        required=False,
        choices=_tech_field_choices,
        widget=forms.Select(
            attrs={"class": "form-select", "aria-describedby": "id_tech_field-hint"}
        ),
        help_text=_(
            "Policies whose text names the field. Policies open to every field are "
            "not listed here."
        ),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (SORT_GUIDE, _("Order in the guide")),
            (SORT_AMOUNT, _("Maximum amount, highest first")),
        ],
        widget=SELECT,
    )

    def __init__(self, *args, options: FilterOptions | None = None, **kwargs):
        """With ``options`` (what the published policies hold), each filter offers
        only the choices that find something, and a filter left with one choice,
        which would find every policy, is not offered at all. Without them (the
        page cache reading an address) every valid value is accepted."""
        super().__init__(*args, **kwargs)
        if options is None:
            return
        self.fields["region"].queryset = options.regions
        for name, present in options.values.items():
            field = self.fields[name]
            field.choices = [
                (key, label)
                for key, label in field.choices
                if not key or key in present
            ]
            if len(field.choices) <= 2:
                del self.fields[name]

    def chosen_count(self) -> int:
        """How many filters (and a sort other than the guide's order) the visitor
        set, for the button the filters fold behind on a phone."""
        if not self.is_bound:
            return 0
        return sum(
            1
            for name in self.fields
            if name != "q" and self.data.get(name) not in (None, "", SORT_GUIDE)
        )

    def search_arguments(self) -> dict | None:
        """Keyword arguments for ``selectors.policy_search``, or ``None`` when the
        visitor asked for nothing and the list shows every policy by region."""
        data = self.cleaned_data
        arguments = {
            "query": data.get("q", "").strip(),
            "region": data["region"].slug if data.get("region") else None,
            "benefit_type": data.get("benefit_type") or None,
            "legal_status": data.get("legal_status") or None,
            "application_status": data.get("application") or None,
            "tech_field": data.get("tech_field") or None,
            "by_amount": data.get("sort") == SORT_AMOUNT,
        }
        return arguments if any(arguments.values()) else None
