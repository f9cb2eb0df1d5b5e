"""Fixtures shared by the database tests: the seed policies without content.json."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from policies import selectors
from policies.models import Policy, Region
from tests.factories import PolicyFactory, RegionFactory, StackingGroupFactory
from tests.seed import SEED_POLICIES


@pytest.fixture(autouse=True)
def _fresh_rule_set():
    """Each test compiles its own rule set and renders its own pages: neither cache
    may outlive a rollback."""
    selectors.rule_set_cache_clear()
    cache.clear()
    yield
    selectors.rule_set_cache_clear()
    cache.clear()


@pytest.fixture
def seed_policies(db) -> list[Policy]:
    """The 21 seed policies made by factories, with ``fixtures/rules.json`` loaded.

    Keys, codes, regions and route modes are those of the guide, so the rule
    fixture attaches to them as it does to ``content.json``.
    """
    group = StackingGroupFactory(pk=1, name="Guide-wide non-stacking rule")
    regions = {}
    policies = []
    for order, (pk, code, slug, (mode, band_fact), status) in enumerate(SEED_POLICIES):
        if slug not in regions:
            level = (
                Region.Level.MUNICIPAL if slug == "beijing" else Region.Level.DISTRICT
            )
            regions[slug] = RegionFactory(slug=slug, name=slug.title(), level=level)
        policies.append(
            PolicyFactory(
                pk=pk,
                code=code,
                order=order,
                region=regions[slug],
                legal_status=status,
                route_mode=mode,
                band_fact=band_fact,
                stacking_group=group,
            )
        )
    call_command("loaddata", "rules", verbosity=0)
    return policies
