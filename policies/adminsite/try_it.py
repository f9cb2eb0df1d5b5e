"""“Try it”: staff paste a sample profile and see the full explanation the engine
gives, for every published policy or for one version (a draft is tried in place of
its published version, so it can be checked before it goes live)."""

import json

from django import forms
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from policies import selectors
from policies.models import Policy, WorkedCase
from policies.rules import formatting, serialize
from policies.rules.engine import assess
from policies.rules.errors import RuleError
from policies.rules.profile import ProfileError, parse
from policies.rules.text import translate
from policies.rules.vocabulary import STATUS_LABELS, Status


def _policy_choices() -> list[tuple[str, str]]:
    versions = Policy.objects.order_by("order", "code", "-version")
    return [("", _("All published policies"))] + [
        (str(p.pk), f"{p.code} v{p.version} ({p.get_state_display()}): {p.title}")
        for p in versions
    ]


class TryItForm(forms.Form):
    profile = forms.CharField(
        label=_("Profile (JSON)"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 70, "spellcheck": "false"}),
        help_text=_(
            'Facts as the API takes them, e.g. {"district": "dongcheng", '
            '"revenue_latest_year": 80000000}. Leave out what the enterprise '
            "does not know."
        ),
    )
    policy = forms.TypedChoiceField(
        label=_("Policy"), choices=_policy_choices, required=False, empty_value=None
    )

    def clean_profile(self) -> dict[str, object]:
        try:
            raw = json.loads(self.cleaned_data["profile"])
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


def try_it_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not request.user.has_perm("policies.view_policy"):
        raise PermissionDenied
    form = TryItForm(request.POST or None, initial=_initial(request))
    context = {
        **site.each_context(request),
        "title": _("Try the rules on a sample profile"),
        "form": form,
        "cases": WorkedCase.objects.only("pk", "name"),
    }
    if form.is_bound and form.is_valid():
        context.update(
            _assess(form.cleaned_data["profile"], form.cleaned_data["policy"])
        )
    return TemplateResponse(request, "admin/policies/try_it.html", context)


def _initial(request: HttpRequest) -> dict[str, object]:
    initial: dict[str, object] = {"profile": "{}", "policy": request.GET.get("policy")}
    case = WorkedCase.objects.filter(pk=request.GET.get("case") or None).first()
    if case is not None:
        initial["profile"] = json.dumps(case.profile, indent=2, ensure_ascii=False)
    return initial


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
        result["status_label"] = translate(STATUS_LABELS[Status(result["status"])])
        result["amount_label"] = _amount_label(result["amount"])
    return {
        "outcome": outcome,
        "results": results,
        "chosen": policy,
        "estimate_label": _amount_label(outcome["estimate"]),
    }


def _amount_label(amount: dict[str, int] | None) -> str:
    if not amount:
        return ""
    if amount["min"] == amount["max"]:
        return formatting.money(amount["max"])
    return f"{formatting.money(amount['min'])} – {formatting.money(amount['max'])}"
