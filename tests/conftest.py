"""Fixtures shared by the database tests: the seed policies without content.json;
and the suite's Hypothesis settings."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from policies import selectors
from policies.models import Policy, Region
from tests.factories import PolicyFactory, RegionFactory, StackingGroupFactory
from tests.seed import SEED_POLICIES

# No property test may depend on the machine's speed (no deadline, no "too slow"
# health check) or on chance: `make test` replays the same examples every run
# (derandomize), so a red run is a real failure that the next run shows again.
# HYPOTHESIS_PROFILE=explore draws new examples, to hunt for bugs on purpose.
hypothesis_settings.register_profile(
    "suite",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "explore", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(autouse=True)
def _fresh_rule_set():
    """Each test compiles its own rule set and renders its own pages: neither cache
    may outlive a rollback."""
    selectors.rule_set_cache_clear()
    cache.clear()
    yield
    selectors.rule_set_cache_clear()
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages() -> None:
    """Compile the Chinese catalogue when the .po is newer than its .mo, as ``make
    setup`` does, so a plain ``pytest`` run speaks Chinese too."""
    po = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        call_command(
            "compilemessages",
            locale=["zh_Hans"],
            ignore_patterns=[".venv"],
            verbosity=0,
        )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a /zh-hans/ page leaves
    Chinese active in the test's thread, and content saved then would be saved as
    Chinese (modeltranslation writes the active language's column)."""
    translation.deactivate()
    yield
    translation.deactivate()


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
