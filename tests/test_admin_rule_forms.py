"""Editing rules on a draft's admin page: every refusal is a message at the field,
bands may not overlap, a gap is saved with a warning."""

import pytest
from django.contrib.messages import get_messages

from policies.models import Criterion, Policy
from tests.admin_support import (
    MILLION,
    banded_draft,
    change_data,
    change_url,
    form_index,
    inline_prefix,
)
from tests.factories import PolicyFactory, RouteFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(StaffUserFactory(role="Editor"))
    return client


def criterion_key(data, fact: str, operator: str, value: str) -> str:
    """The form prefix of the criterion ``fact operator value`` in the POST data."""
    prefix = inline_prefix(data, "criteria")
    wanted = {"fact": fact, "operator": operator, "value": value}
    index = next(
        i
        for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if all(data.get(f"{prefix}-{i}-{k}") == v for k, v in wanted.items())
    )
    return f"{prefix}-{index}"


def inline_errors(response, prefix: str) -> dict[str, list[str]]:
    formsets = {
        f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]
    }
    return [form.errors for form in formsets[prefix].forms]


def test_the_unchanged_page_saves(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    response = editor_client.post(url, change_data(editor_client, url))
    assert response.status_code == 302


def test_a_value_that_is_not_a_number_is_refused_at_the_value_field(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    key = criterion_key(data, "revenue_latest_year", ">=", str(30 * MILLION))
    data[f"{key}-value"] = "thirty million"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    errors = [e for e in inline_errors(response, "criteria") if e]
    assert "not a number" in errors[0]["value"][0]
    assert Criterion.objects.filter(policy=policy, value=30 * MILLION).exists()


def test_an_operator_that_does_not_suit_the_fact_is_refused_at_the_operator(
    editor_client,
):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    key = criterion_key(data, "in_beijing", "==", "true")
    data[f"{key}-operator"] = ">="

    response = editor_client.post(url, data)

    errors = [e for e in inline_errors(response, "criteria") if e]
    assert "in_beijing takes “==”, “!=” only." in errors[0]["operator"]


def test_overlapping_bands_are_refused_with_a_message_at_the_bounds(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    key = criterion_key(data, "revenue_latest_year", ">=", str(100 * MILLION))
    data[f"{key}-value"] = "90,000,000"  # the low band's "< 100,000,000" stays

    response = editor_client.post(url, data)

    assert response.status_code == 200
    messages = [
        m for e in inline_errors(response, "criteria") for m in e.get("value", [])
    ]
    assert any("“Low band” and “High band” overlap" in m for m in messages)
    assert not Criterion.objects.filter(policy=policy, value=90 * MILLION).exists()


def test_a_gap_between_bands_is_saved_with_a_warning(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    key = criterion_key(data, "revenue_latest_year", ">=", str(100 * MILLION))
    data[f"{key}-operator"] = ">"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        "No band covers revenue_latest_year exactly CNY 100,000,000" in w
        for w in warnings
    )
    assert Criterion.objects.filter(policy=policy, operator=">").exists()


def test_best_of_routes_may_overlap(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    data["route_mode"] = Policy.RouteMode.BEST_OF
    data["band_fact"] = ""
    data[
        f"{criterion_key(data, 'revenue_latest_year', '>=', str(100 * MILLION))}-value"
    ] = "1"

    assert editor_client.post(url, data).status_code == 302


def test_bands_need_their_fact(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = {**change_data(editor_client, url), "band_fact": ""}

    response = editor_client.post(url, data)

    assert (
        "Bands need the fact they are over."
        in response.context["adminform"].form.errors["band_fact"]
    )


def test_a_route_field_its_kind_does_not_use_is_refused_at_that_field(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    prefix = inline_prefix(data, "routes")
    index = form_index(data, prefix, "name_en", "Low band")
    data[f"{prefix}-{index}-cap"] = "100000"

    response = editor_client.post(url, data)

    errors = [e for e in inline_errors(response, prefix) if e]
    assert "Leave this empty" in errors[0]["cap"][0]


def test_a_route_name_is_edited_in_english_and_chinese(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    prefix = inline_prefix(data, "routes")
    index = form_index(data, prefix, "name_en", "Low band")
    data[f"{prefix}-{index}-name_zh_hans"] = "低档"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    route = policy.routes.get(name_en="Low band")
    assert route.name_zh_hans == "低档"


def test_a_percentage_route_needs_its_rate_base_and_cap(editor_client):
    policy = banded_draft()
    url = change_url(policy)
    data = change_data(editor_client, url)
    prefix = inline_prefix(data, "routes")
    index = form_index(data, prefix, "name_en", "Low band")
    data[f"{prefix}-{index}-kind"] = "percentage"
    data[f"{prefix}-{index}-amount"] = ""

    response = editor_client.post(url, data)

    (errors,) = [e for e in inline_errors(response, prefix) if e]
    assert set(errors) == {"rate_pct", "base_fact", "cap"}


def test_a_policy_needs_a_route(editor_client):
    policy = PolicyFactory(state=Policy.State.DRAFT)
    RouteFactory(policy=policy)
    url = change_url(policy)
    data = change_data(editor_client, url)
    prefix = inline_prefix(data, "routes")
    data[f"{prefix}-0-DELETE"] = "on"

    response = editor_client.post(url, data)

    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == prefix
    )
    assert "Add at least one route" in formset.non_form_errors()[0]


def test_a_criterion_offers_only_its_own_policys_routes(editor_client):
    policy = banded_draft()
    RouteFactory(name="Another policy's route")
    response = editor_client.get(change_url(policy))
    criteria = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "criteria"
    )
    routes = [label for _value, label in criteria.forms[0].fields["route"].choices]
    assert routes == ["whole policy", "1. Low band", "2. High band"]


def test_facts_are_offered_by_label_and_unit_never_by_key(editor_client):
    response = editor_client.get(change_url(banded_draft()))
    criteria = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "criteria"
    )
    options = dict(
        option
        for _group, group_options in criteria.forms[0].fields["fact"].choices[1:]
        for option in group_options
    )
    assert options["revenue_latest_year"] == "Revenue in the latest year, CNY"


def test_a_new_policy_may_not_reuse_a_code(editor_client):
    PolicyFactory(code="DC-1")
    response = editor_client.post(
        "/admin/policies/policy/add/", {"code": "DC-1", "routes-TOTAL_FORMS": "0"}
    )
    assert "DC-1 exists already" in response.context["adminform"].form.errors["code"][0]
