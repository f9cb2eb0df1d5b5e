"""Each public page costs the same number of queries with 20 policies as with 200
(no query per policy, contact or route), rendered afresh rather than from cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policies.models import Policy, Region

from .factories import (
    ContactFactory,
    CriterionFactory,
    PolicyFactory,
    RegionFactory,
    RouteFactory,
)

pytestmark = pytest.mark.django_db

PAGES = {
    "home": lambda: reverse("policies:home"),
    "region": lambda: reverse("policies:region", kwargs={"slug": "busy"}),
    "policy list": lambda: reverse("policies:policy_list"),
    "policy": lambda: reverse("policies:policy", kwargs={"code": "QC-1"}),
    "API list": lambda: reverse("api:policy_list"),
}


def _grow_to(count: int) -> None:
    """Published policies, each with its own source, two contacts, a route and a
    criterion, spread over three regions, until there are ``count``."""
    regions = [
        Region.objects.filter(slug="busy").first() or RegionFactory(slug="busy"),
        *RegionFactory.create_batch(2),
    ]
    for n in range(Policy.objects.count(), count):
        policy = PolicyFactory(
            code=f"QC-{n + 1}",
            region=regions[n % len(regions)],
            contacts=[ContactFactory(), ContactFactory()],
        )
        RouteFactory(policy=policy)
        CriterionFactory(policy=policy)


def _queries(client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_queries_are_the_same_for_20_and_200_policies(client):
    _grow_to(20)
    with_20 = {name: _queries(client, url()) for name, url in PAGES.items()}
    _grow_to(200)
    with_200 = {name: _queries(client, url()) for name, url in PAGES.items()}

    assert Policy.objects.published().count() == 200
    assert with_200 == with_20
