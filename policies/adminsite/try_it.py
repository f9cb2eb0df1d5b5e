"""“Try it”: staff describe a sample enterprise and see the full explanation the
engine gives, for every published policy or for one version (a draft is tried in
place of its published version, so it can be checked before it goes live).

The enterprise is described with the check's own questions, built from the fact
catalogue with the check's fields and parsing (money in the page's unit, “3000万”
and “1.2亿” included); every question may be left unanswered. A profile pasted as
JSON, as the API takes it, is used instead when given, for power users; the
profile assessed is shown back as JSON, ready to keep as a worked case.
"""

import json

from django import forms
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from policies import selectors
from policies.check_fields import this_year
from policies.forms import NO, UNKNOWN, YES, FactForm
from policies.models import Policy, WorkedCase
from policies.rules import formatting, serialize
from policies.rules.engine import assess
from policies.rules.errors import RuleError
from policies.rules.facts import INPUT_FACTS, FactType
from policies.rules.profile import ProfileError, parse

STATUS_LABELS = {
    "eligible": _("Eligible"),
    "needs_info": _("Needs information"),
    "not_eligible": _("Not eligible"),
}


def _policy_choices() -> list[tuple[str, str]]:
    versions = Policy.objects.order_by("order", "code", "-version")
    return [("", _("All published policies"))] + [
        (str(p.pk), f"{p.code} v{p.version} ({p.get_state_display()}): {p.title}")
        for p in versions
    ]


class TryItForm(forms.Form):
    """Which rules to try, and optionally the profile as JSON."""

    policy = forms.TypedChoiceField(
        label=_("Policy"), choices=_policy_choices, required=False, empty_value=None
    )
    profile = forms.CharField(
        label=_("Profile (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 70, "spellcheck": "false"}),
        help_text=_(
            'Facts as the API takes them, e.g. {"district": "dongcheng", '
            '"revenue_latest_year": 80000000}. When given, it is used instead of '
            "the answers above."
        ),
    )

    def clean_profile(self) -> dict[str, object] | None:
        text = self.cleaned_data["profile"].strip()
        if not text:
            return None
        try:
            raw = json.loads(text)
        except ValueError as error:
            raise ValidationError(_("This is not valid JSON: %s") % error) from None
        try:
            return parse(raw)
        except ProfileError as error:
            raise ValidationError(
                [f"{name}: {' '.join(texts)}" for name, texts in error.errors.items()]
            ) from None

    def clean_policy(self) -> Policy | None:
        pk = self.cleaned_data["policy"]
        return Policy.objects.get(pk=pk) if pk else None


class SampleEnterpriseForm(FactForm):
    """Every question the check can ask, none of them required: what is left
    unanswered is unknown, as in the check."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, facts=[fact.name for fact in INPUT_FACTS], **kwargs)
        for field in self.fields.values():
            field.required = False

    def fact(self, name: str) -> object:
        value = super().fact(name)
        return None if value in ("", UNKNOWN) else value

    @property
    def panels(self) -> list[tuple[str, list[forms.BoundField], bool]]:
        """The questions by topic, each with whether it holds an answer (its panel
        is then shown open)."""
        return [
            (title, fields, any(_answered(field) for field in fields))
            for title, fields in self.sections
        ]


def _answered(field: forms.BoundField) -> bool:
    return field.value() not in (None, "", [], UNKNOWN)


def answers_from_profile(profile: dict[str, object]) -> dict[str, object]:
    """A profile as the API takes it, as the answers the form shows: money with its
    unit written out (so it reads the same in a 万元 box), years as the year."""
    facts = {fact.name: fact for fact in INPUT_FACTS}
    answers: dict[str, object] = {}
    for name, value in profile.items():
        fact = facts.get(name)
        if fact is None:
            continue
        if value is None:
            answers[name] = UNKNOWN
        elif isinstance(value, bool):
            answers[name] = YES if value else NO
        elif fact.asked_as_year:
            answers[name] = str(this_year() - int(value))
        elif fact.type is FactType.MONEY:
            answers[name] = f"{value}元"
        else:
            answers[name] = value
    return answers


def try_it_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not request.user.has_perm("policies.view_policy"):
        raise PermissionDenied
    data = request.POST or None
    form = TryItForm(data, initial={"policy": request.GET.get("policy")})
    enterprise = SampleEnterpriseForm(data, initial=_case_answers(request))
    context = {
        **site.each_context(request),
        "title": _("Try the rules on a sample enterprise"),
        "form": form,
        "enterprise": enterprise,
        "cases": WorkedCase.objects.only("pk", "name"),
    }
    if form.is_bound and form.is_valid():
        profile = form.cleaned_data["profile"]
        if profile is None and enterprise.is_valid():
            profile = enterprise.facts()
        if profile is not None:
            context.update(_assess(profile, form.cleaned_data["policy"]))
    return TemplateResponse(request, "admin/policies/try_it.html", context)


def _case_answers(request: HttpRequest) -> dict[str, object]:
    case = WorkedCase.objects.filter(pk=request.GET.get("case") or None).first()
    return answers_from_profile(case.profile) if case is not None else {}


def _assess(profile: dict[str, object], policy: Policy | None) -> dict[str, object]:
    """The assessment in its JSON form, with amounts and statuses in words."""
    try:
        rules = (
            selectors.rule_set_with(policy=policy) if policy else selectors.rule_set()
        )
    except RuleError as error:
        return {"rule_error": str(error)}
    outcome = serialize.assessment(assess(profile, rules))
    results = outcome["results"]
    if policy is not None:
        results = [r for r in results if r["code"] == policy.code]
    for result in results:
        result["status_label"] = STATUS_LABELS.get(result["status"], result["status"])
        result["amount_label"] = _amount_label(result["amount"])
    as_json = {name: serialize.json_value(value) for name, value in profile.items()}
    return {
        "outcome": outcome,
        "results": results,
        "chosen": policy,
        "estimate_label": _amount_label(outcome["estimate"]),
        "profile_json": json.dumps(as_json, indent=2, ensure_ascii=False),
    }


def _amount_label(amount: dict[str, int] | None) -> str:
    if not amount:
        return ""
    if amount["min"] == amount["max"]:
        return formatting.money(amount["max"])
    return f"{formatting.money(amount['min'])} – {formatting.money(amount['max'])}"
