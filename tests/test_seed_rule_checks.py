"""All 21 seed policies pass the admin's rule checks; only DC-4's gap is flagged."""

import pytest
from django.core.management import call_command

from policies.models import Policy
from policies.rule_checks import policy_rule_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_checks(db) -> dict:
    """The admin's rule check of every published seed policy, by code."""
    call_command("load_seed", verbosity=0)
    return {p.code: policy_rule_check(p) for p in Policy.objects.published()}


def test_every_seed_policy_passes_the_rule_checks(seed_checks):
    refused = {
        code: check.errors for code, check in seed_checks.items() if check.errors
    }
    assert len(seed_checks) == 21
    assert refused == {}


def test_only_dc4_is_warned_of_its_gap_at_exactly_one_billion(seed_checks):
    warned = {
        code: check.warnings for code, check in seed_checks.items() if check.warnings
    }
    assert list(warned) == ["DC-4"]
    assert "1,000,000,000" in warned["DC-4"][0]
