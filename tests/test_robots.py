"""Crawlers may index the guide but never a visitor's results or share link."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_results_and_share_links_out_of_search_engines(client):
    response = client.get(reverse("robots"))
    rules = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    for language in ("en", "zh-hans"):
        with translation.override(language):
            results = reverse("policies:check_step", kwargs={"step": "results"})
            shared = reverse("policies:check_shared", kwargs={"token": "-"})[:-2]
            policies = reverse("policies:policy_list")
        assert f"Disallow: {results}" in rules
        assert f"Disallow: {shared}" in rules
        assert f"Disallow: {policies}" not in rules
    assert "Disallow: /" not in rules
