"""The rule fixture and the content fixture describe the same 21 policies."""

import json

from tests.seed import CONTENT_FIXTURE, SEED_POLICIES, fixture_rows


def content_policies() -> dict[int, dict]:
    rows = json.loads(CONTENT_FIXTURE.read_text())
    return {r["pk"]: r["fields"] for r in rows if r["model"] == "policies.policy"}


def test_rule_rows_are_numbered_from_one_in_guide_order():
    for model in ("policies.route", "policies.criterion"):
        rows = fixture_rows(model)
        assert [r["id"] for r in rows] == list(range(1, len(rows) + 1))
        policies = [r["policy"] for r in rows]
        assert policies == sorted(policies)


def test_every_seed_policy_has_a_route():
    policies = {r["policy"] for r in fixture_rows("policies.route")}
    assert policies == {pk for pk, *_rest in SEED_POLICIES}


def test_content_fixture_has_the_seed_policies_keys_and_codes():
    content = content_policies()
    assert {pk: f["code"] for pk, f in content.items()} == {
        pk: code for pk, code, *_rest in SEED_POLICIES
    }


def test_content_fixture_reads_bands_as_the_rules_do():
    content = content_policies()
    assert {pk: (f["route_mode"], f["band_fact"]) for pk, f in content.items()} == {
        pk: mode for pk, _code, _region, mode, _status in SEED_POLICIES
    }
