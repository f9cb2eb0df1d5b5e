"""The specification's worked examples, straight through the engine (no database)."""

import pytest

from policies.rules import serialize
from policies.rules.cases import compare_outcome
from tests.seed import SEED_CODES, assess_seed, load_examples


@pytest.mark.parametrize("case", load_examples(), ids=lambda case: case["name"])
def test_worked_example_holds_on_the_seed_rules(case):
    result = serialize.assessment(assess_seed(case["profile"]))
    assert [r["code"] for r in result["results"]] == list(SEED_CODES)
    assert compare_outcome(case, result) == []
