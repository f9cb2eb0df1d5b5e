"""The JSON API: ``POST /api/assess`` and the rules as open data."""

import json

import pytest
from django.test import Client

from policies.models import Policy
from tests.seed import SEED_CODES


@pytest.fixture
def api() -> Client:
    """A client that enforces CSRF, as a browser's would: the API must not need it."""
    return Client(enforce_csrf_checks=True)


def post(api: Client, body) -> tuple[int, dict]:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    response = api.post("/api/assess", data, content_type="application/json")
    return response.status_code, response.json()


def test_assess_returns_the_contract_without_a_csrf_token(api, seed_policies):
    status, body = post(api, {"district": "changping", "high_tech_enterprise": True})
    assert status == 200
    assert [r["code"] for r in body["results"]] == list(SEED_CODES)
    assert {"most_favorable", "estimate"} <= set(body)


def test_a_bad_profile_is_refused_naming_the_field(api, seed_policies):
    status, body = post(api, {"industry_code": "6a", "revenue_latest_year": -5})
    assert status == 400
    assert set(body["errors"]) == {"industry_code", "revenue_latest_year"}
    assert body["errors"]["revenue_latest_year"] == ["Ensure this value is at least 0."]


@pytest.mark.parametrize("body", ["{not json", b"\xff\xfe", "[1, 2]", "42", ""])
def test_a_body_that_is_not_a_json_object_is_refused_as_a_whole(api, db, body):
    status, answer = post(api, body)
    assert status == 400
    assert list(answer["errors"]) == ["__all__"]


def test_assess_answers_other_methods_with_json_405(api, db):
    response = api.get("/api/assess")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "GET" in response.json()["errors"]["__all__"][0]


def test_policies_are_open_data_with_their_rules(api, seed_policies):
    response = api.get("/api/policies")
    assert response.status_code == 200
    policies = response.json()["policies"]
    assert [p["code"] for p in policies] == list(SEED_CODES)
    cp4 = next(p for p in policies if p["code"] == "CP-4")
    assert cp4["routes"][0]["amount"] == {
        "kind": "per_unit",
        "up_to": False,
        "amount": 1_000_000,
        "base_fact": "first_set_products_certified",
        "cap": 2_000_000,
    }
    assert {"fact": "district", "operator": "==", "value": "changping"} in cp4[
        "criteria"
    ]
    assert cp4["url"].endswith("/policies/CP-4/")


def test_one_policy_by_code_and_json_404_for_an_unknown_one(api, seed_policies):
    assert api.get("/api/policies/DC-2").json()["code"] == "DC-2"
    missing = api.get("/api/policies/XX-9")
    assert missing.status_code == 404
    assert "XX-9" in missing.json()["errors"]["__all__"][0]


def test_drafts_are_not_open_data(api, seed_policies):
    Policy.objects.filter(code="DC-1").update(state=Policy.State.DRAFT)
    assert api.get("/api/policies/DC-1").status_code == 404
    assert "DC-1" not in [
        p["code"] for p in api.get("/api/policies").json()["policies"]
    ]


def test_open_data_refuses_writes_with_json_405(api, db):
    response = api.post("/api/policies", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
