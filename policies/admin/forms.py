"""Admin forms for rule data: every refusal is a message at the field concerned.

Facts are chosen from the catalogue by name and label, operators must suit the
fact's type, values are read and checked against it, a route's amount fields must
match its kind, and a banded policy's bands must not overlap. The checks themselves
live in ``policies.rules.validation``; these forms put their messages in place.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from policies.models import Criterion, Policy, Route, WorkedCase
from policies.rule_checks import band_report
from policies.rules.errors import RuleError
from policies.rules.facts import CATALOGUE
from policies.rules.profile import ProfileError
from policies.rules.profile import parse as parse_profile
from policies.rules.validation import (
    AMOUNT_FIELDS,
    check_operator,
    check_route,
    format_value,
    parse_value,
)
from policies.rules.vocabulary import RouteRole

from .fact_fields import fact_field, route_fact_field

POLICY_FIELDS = (
    "code",
    "region",
    "order",
    "title",
    "summary",
    "full_text",
    "headline_benefit",
    "benefit_type",
    "source",
    "contacts",
    "legal_status",
    "valid_from",
    "valid_until",
    "last_reviewed",
    "reading_note",
    "stacking_group",
    "route_mode",
    "band_fact",
)
VALUE_HELP = _(
    "A number (30000000 or 30,000,000), true or false, a choice such as dongcheng, "
    "or for “in” and “has_any” a list separated by commas (64, 65)."
)
OPERATOR_HELP = _(
    "Numbers: >= > <= < == !=. Yes/no facts: == !=. A choice or a code: == != in. "
    "Technology fields: has_any."
)


class RouteChoiceField(forms.ModelChoiceField):
    """A policy's route by its order and the start of its name."""

    def label_from_instance(self, route: Route) -> str:
        return f"{route.order}. {Truncator(route.name).chars(48)}"


class CriterionForm(forms.ModelForm):
    """One ``fact operator value`` criterion, checked against the fact's type."""

    route = RouteChoiceField(
        queryset=Route.objects.none(),
        required=False,
        label=_("Route"),
        empty_label=_("whole policy"),
        help_text=Criterion._meta.get_field("route").help_text,
    )
    fact = fact_field(_("Fact"), lambda fact: True)
    value = forms.CharField(label=_("Value"), help_text=VALUE_HELP)

    class Meta:
        model = Criterion
        fields = ("route", "fact", "operator", "value", "order")
        help_texts = {"operator": OPERATOR_HELP}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["value"] = format_value(self.instance.value)

    def clean(self) -> dict:
        data = super().clean()
        fact = CATALOGUE.get(data.get("fact", ""))
        operator = data.get("operator")
        if fact is None or not operator:
            return data
        try:
            check_operator(fact, operator)
        except RuleError as error:
            self.add_error("operator", str(error))
            return data
        if "value" in data:
            try:
                data["value"] = parse_value(fact, operator, data["value"])
            except RuleError as error:
                self.add_error("value", str(error))
        return data


class CriterionFormSet(BaseInlineFormSet):
    """A policy's criteria; for a banded policy, also the bands they draw."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        forms_by_route: dict[int, list[forms.Form]] = {}
        criteria = []
        for form in self.forms:
            deleted = self._should_delete_form(form)
            if deleted or not (form.instance.pk or form.has_changed()):
                continue
            criteria.append(form.instance)
            if form.instance.fact == self.instance.band_fact:
                forms_by_route.setdefault(form.instance.route_id, []).append(form)
        report = band_report(self.instance, self.instance.routes.all(), criteria)
        unplaced = []
        for problem in report.errors:
            targets = [f for key in problem.keys for f in forms_by_route.get(key, [])]
            for form in targets:
                form.add_error("value", problem.message)
            if not targets:
                unplaced.append(problem.message)
        if unplaced:
            raise ValidationError(unplaced)


class RouteForm(forms.ModelForm):
    """A route: the amount fields its kind needs, and none of the others."""

    base_fact = route_fact_field("base_fact")
    schedule_fact = route_fact_field("schedule_fact")
    limit_fact = route_fact_field("limit_fact")

    class Meta:
        model = Route
        fields = ("name", "role", "order", "kind", "up_to", *AMOUNT_FIELDS)
        widgets = {
            "terms": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "schedule": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }

    def clean(self) -> dict:
        data = super().clean()
        for name in ("terms", "schedule"):
            if name in data and data[name] is None:
                data[name] = []
        for name, messages in check_route(data).items():
            if name in self.errors:
                continue
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return data


class RouteFormSet(BaseInlineFormSet):
    """A policy's routes: at least one main route (a non-monetary benefit counts)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
        ]
        if not any(form.cleaned_data.get("role") == RouteRole.ROUTE for form in kept):
            raise ValidationError(
                _("Add at least one route; a non-monetary benefit is a route too.")
            )


class PolicyForm(forms.ModelForm):
    """A policy version's content and how its routes combine."""

    band_fact = fact_field(
        _("Bands over fact"),
        lambda fact: fact.numeric,
        required=False,
        help_text=_("For bands only: the fact whose ranges must not overlap."),
    )

    class Meta:
        model = Policy
        fields = POLICY_FIELDS

    def clean(self) -> dict:
        data = super().clean()
        mode, band_fact = data.get("route_mode"), data.get("band_fact")
        if mode == Policy.RouteMode.BANDS and not band_fact:
            self.add_error("band_fact", _("Bands need the fact they are over."))
        if mode == Policy.RouteMode.BEST_OF and band_fact:
            self.add_error(
                "band_fact", _("Leave this empty: only bands are over a fact.")
            )
        self._check_code(data.get("code"))
        return data

    def _check_code(self, code: str | None) -> None:
        """A new policy needs a code of its own; a renamed draft may not take
        another policy's code (``Policy.clashing_version``)."""
        if not code or code == self.instance.code:
            return
        if self.instance._state.adding:
            if Policy.objects.filter(code=code).exists():
                self.add_error(
                    "code",
                    _(
                        "%(code)s exists already: open its published version and "
                        "create a draft instead."
                    )
                    % {"code": code},
                )
            return
        clash = self.instance.clashing_version(code)
        if clash is not None:
            self.add_error(
                "code",
                _(
                    "%(code)s v%(version)s (%(state)s) has this code: a draft may "
                    "take only a code no other policy uses."
                )
                % {
                    "code": code,
                    "version": clash.version,
                    "state": clash.get_state_display().lower(),
                },
            )


class WorkedCaseForm(forms.ModelForm):
    """A worked case whose profile is checked as the API would check it."""

    class Meta:
        model = WorkedCase
        fields = ("name", "profile", "expected", "notes")
        widgets = {
            "profile": forms.Textarea(attrs={"rows": 12, "cols": 80}),
            "expected": forms.Textarea(attrs={"rows": 8, "cols": 80}),
        }

    def clean_profile(self) -> dict:
        profile = self.cleaned_data["profile"]
        try:
            parse_profile(profile)
        except ProfileError as error:
            raise ValidationError(
                [
                    f"{name}: {' '.join(messages)}"
                    for name, messages in error.errors.items()
                ]
            ) from None
        return profile
