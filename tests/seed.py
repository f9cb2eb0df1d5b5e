"""The 21 seed policies as the tests know them, independent of ``content.json``.

``SEED_POLICIES`` holds what the rule fixture cannot: each policy's primary key,
code, region and how its routes relate. ``seed_rule_set()`` joins it with
``fixtures/rules.json`` through the same row path the database uses, so engine
tests exercise the shipped rule data without a database.
"""

import json
from functools import cache
from pathlib import Path

from policies.rules.engine import Assessment, Outcome, RuleSet, assess
from policies.rules.profile import parse
from policies.rules.rows import policy_rules

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RULES_FIXTURE = FIXTURES / "rules.json"
CONTENT_FIXTURE = FIXTURES / "content.json"
DATA = Path(__file__).resolve().parent / "data"

BANDS_BY_REVENUE = ("bands", "revenue_latest_year")
BEST_OF = ("best_of", "")
# (pk, code, region, (route_mode, band_fact), legal_status)
SEED_POLICIES = (
    (1, "BJ-1", "beijing", BEST_OF, "not_stated"),
    (2, "BJ-2", "beijing", BEST_OF, "not_stated"),
    (3, "BJ-3", "beijing", BEST_OF, "not_stated"),
    (4, "DC-1", "dongcheng", BANDS_BY_REVENUE, "not_stated"),
    (5, "DC-2", "dongcheng", BEST_OF, "not_stated"),
    (6, "DC-3", "dongcheng", BEST_OF, "not_stated"),
    (7, "DC-4", "dongcheng", BANDS_BY_REVENUE, "not_stated"),
    (8, "DC-5", "dongcheng", BEST_OF, "not_stated"),
    (9, "DC-6", "dongcheng", BANDS_BY_REVENUE, "not_stated"),
    (10, "CY-1", "chaoyang", BEST_OF, "reference_only"),
    (11, "CY-2", "chaoyang", BEST_OF, "reference_only"),
    (12, "CY-3", "chaoyang", BEST_OF, "reference_only"),
    (13, "CY-4", "chaoyang", BEST_OF, "reference_only"),
    (14, "CY-5", "chaoyang", BEST_OF, "reference_only"),
    (15, "CY-6", "chaoyang", BEST_OF, "reference_only"),
    (16, "CP-1", "changping", BEST_OF, "not_stated"),
    (17, "CP-2", "changping", BEST_OF, "not_stated"),
    (18, "CP-3a", "changping", BEST_OF, "not_stated"),
    (19, "CP-3b", "changping", BEST_OF, "not_stated"),
    (20, "CP-4", "changping", BEST_OF, "not_stated"),
    (21, "CP-5", "changping", BEST_OF, "not_stated"),
)
SEED_CODES = tuple(code for _pk, code, *_rest in SEED_POLICIES)


def fixture_rows(model: str) -> list[dict]:
    """The rows of ``model`` in ``rules.json``, as ``values()`` would return them."""
    rows = json.loads(RULES_FIXTURE.read_text())
    return [{**r["fields"], "id": r["pk"]} for r in rows if r["model"] == model]


def load_examples() -> list[dict]:
    return json.loads((DATA / "examples.json").read_text())


@cache
def seed_rule_set() -> RuleSet:
    policies = [
        {
            "id": pk,
            "code": code,
            "title": code,
            "region": region,
            "route_mode": mode,
            "band_fact": band_fact,
            "stacking_group": "guide",
            "reference_only": status == "reference_only",
        }
        for pk, code, region, (mode, band_fact), status in SEED_POLICIES
    ]
    routes = fixture_rows("policies.route")
    criteria = fixture_rows("policies.criterion")
    return RuleSet(policy_rules(policies, routes, criteria))


def assess_seed(facts: dict) -> Assessment:
    """Assess a raw profile against the seed rules."""
    return assess(parse(facts), seed_rule_set())


def seed_outcome(code: str, facts: dict) -> Outcome:
    return assess_seed(facts).outcome(code)
