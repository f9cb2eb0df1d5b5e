"""All 21 seed policies pass the admin's rule checks; only DC-4's gap is flagged."""

import pytest
from django.core.management import call_command

from policies.models import Policy
from policies.rule_checks import policy_rule_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(db) -> None:
    call_command("load_seed", verbosity=0)


def test_every_seed_policy_passes_the_rule_checks(seed):
    refused = {
        policy.code: policy_rule_check(policy).errors
        for policy in Policy.objects.published()
        if policy_rule_check(policy).errors
    }
    assert Policy.objects.published().count() == 21
    assert refused == {}


def test_only_dc4_is_warned_of_its_gap_at_exactly_one_billion(seed):
    warned = {
        policy.code: policy_rule_check(policy).warnings
        for policy in Policy.objects.published()
        if policy_rule_check(policy).warnings
    }
    assert list(warned) == ["DC-4"]
    assert "1,000,000,000" in warned["DC-4"][0]
