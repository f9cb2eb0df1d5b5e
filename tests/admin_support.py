"""Helpers for the admin tests: a banded draft policy, a draft made through the
admin, and the POST data a change page would send back unchanged (read from the
rendered page, or from its forms), so a test states only the fields it edits."""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from policies.models import Policy
from tests.factories import (
    CriterionFactory,
    PolicyFactory,
    RouteFactory,
    StaffUserFactory,
)
from tests.html_form import FormData, form_data

MILLION = 1_000_000


def seeded_staff_client(client: Client, role: str) -> Client:
    """``client`` signed in as a member of staff in ``role``, in English, over the
    real seed (content and rules fixtures)."""
    call_command("loaddata", "content", "rules", verbosity=0)
    client.force_login(StaffUserFactory(role=role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def banded_draft(**fields: object) -> Policy:
    """A draft like DC-1: bands of revenue from CNY 30 million to 100 million and
    from 100 million up, each paying a fixed amount."""
    policy = PolicyFactory(
        state=Policy.State.DRAFT,
        route_mode=Policy.RouteMode.BANDS,
        band_fact="revenue_latest_year",
        **fields,
    )
    CriterionFactory(policy=policy)
    low = RouteFactory(policy=policy, name="Low band", order=1)
    high = RouteFactory(policy=policy, name="High band", order=2, amount=1_000_000)
    revenue = {"policy": policy, "fact": "revenue_latest_year"}
    CriterionFactory(route=low, operator=">=", value=30 * MILLION, **revenue)
    CriterionFactory(route=low, operator="<", value=100 * MILLION, **revenue)
    CriterionFactory(route=high, operator=">=", value=100 * MILLION, **revenue)
    return policy


def change_url(policy: Policy) -> str:
    return reverse("admin:policies_policy_change", args=[policy.pk])


def create_draft(client, code: str) -> Policy:
    """A draft of the published ``code``, made with the admin's "Create draft"."""
    published = Policy.objects.published().get(code=code)
    url = reverse("admin:policies_policy_version", args=[published.pk, "create-draft"])
    response = client.post(url)
    draft = Policy.objects.get(code=code, state=Policy.State.DRAFT)
    assert response.status_code == 302 and response.url == change_url(draft)
    return draft


def rendered_form(client, policy: Policy) -> FormData:
    """The policy's change page as a browser would post it, inlines included."""
    return form_data(client.get(change_url(policy)).content.decode(), "policy_form")


def save(client, policy: Policy, data: FormData) -> None:
    """Post the change form with "Save and continue editing"; it must save."""
    response = client.post(change_url(policy), {**data, "_continue": ["Save"]})
    if response.status_code != 302:
        raise AssertionError(f"{policy.code} did not save: {form_errors(response)}")


def form_errors(response) -> list:
    context = response.context
    errors = [context["adminform"].form.errors]
    for inline in context["inline_admin_formsets"]:
        errors += [inline.formset.non_form_errors(), *inline.formset.errors]
    return [error for error in errors if error]


def change_data(client: Client, url: str) -> dict[str, object]:
    """What the change page at ``url`` would post if saved without edits."""
    context = client.get(url).context
    data: dict[str, object] = {}
    _add_form(data, context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            _add_form(data, form)
    return data


def _add_form(data: dict[str, object], form) -> None:
    for name in form.fields:
        posted = _posted(form[name].value())
        if posted is not None:
            data[form.add_prefix(name)] = posted


def _posted(value: object) -> object:
    """A form value as a browser posts it; ``None`` leaves the key out."""
    if value is None:
        return ""
    if value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, Decimal | int | datetime.date):
        return str(value)
    return value


def inline_prefix(data: dict[str, object], model: str) -> str:
    """The formset prefix of the inline for ``model`` ("criteria", "routes")."""
    return next(key[: -len("-TOTAL_FORMS")] for key in data if key.startswith(model))


def form_index(data: dict[str, object], prefix: str, field: str, value: str) -> int:
    """The index of the inline form whose ``field`` is ``value``."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return next(i for i in range(total) if data.get(f"{prefix}-{i}-{field}") == value)
