"""Whatever is sent to the API, it answers in JSON with a 4xx or a 200, never a 500."""

import json
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.rules.facts import INPUT_FACTS

from .conftest import FUZZ, huge_numbers, odd_text

FACT_NAMES = [fact.name for fact in INPUT_FACTS]

json_values = st.recursive(
    st.none() | st.booleans() | huge_numbers | odd_text,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(odd_text, children, max_size=5)
    ),
    max_leaves=20,
)
profiles = st.dictionaries(
    st.one_of(st.sampled_from(FACT_NAMES), odd_text), json_values, max_size=12
)
bodies = st.one_of(
    profiles.map(lambda p: json.dumps(p, allow_nan=True)),
    json_values.map(lambda v: json.dumps(v, allow_nan=True)),
    st.binary(max_size=300),
    odd_text,
    st.just("[" * 5000 + "]" * 5000),
)


def _assert_json_refusal_or_answer(response) -> None:
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert ("errors" in body) == (response.status_code >= 400)


@FUZZ
@given(body=bodies)
def test_assess_never_fails_on_any_body(client, guide, body):
    response = client.post("/api/assess", body, content_type="application/json")
    _assert_json_refusal_or_answer(response)


@FUZZ
@given(profile=profiles)
def test_assess_refuses_or_assesses_any_profile(client, guide, profile):
    response = client.post(
        "/api/assess",
        json.dumps(profile, allow_nan=True),
        content_type="application/json",
    )
    _assert_json_refusal_or_answer(response)
    if response.status_code == 200:
        assert set(profile) <= set(FACT_NAMES)


@FUZZ
@given(code=odd_text.filter(lambda c: "/" not in c and c.strip()))
def test_a_policy_code_of_any_kind_is_found_or_a_json_404(client, guide, code):
    response = client.get("/api/policies/" + quote(code, safe=""))
    assert response.status_code in {200, 400, 404}
    assert "errors" in response.json() or response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        (method, path)
        for path in ("/api/assess", "/api/policies", "/api/policies/DC-1")
        for method in ("get", "put", "patch", "delete", "options", "head", "post")
    ],
)
def test_any_method_is_answered_without_a_server_error(client, guide, method, path):
    body = {} if method in {"get", "head"} else {"data": "{}"}
    response = getattr(client, method)(path, content_type="application/json", **body)
    assert response.status_code < 500
