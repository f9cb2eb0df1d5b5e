"""Crawlers may index the guide but never a visitor's results or share link."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_results_and_share_links_out_of_search_engines(client):
    response = client.get("/robots.txt")
    rules = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    for path in ("/check/results/", "/check/shared/", "/zh-hans/check/shared/"):
        assert f"Disallow: {path}" in rules
    assert "Disallow: /" not in rules
    assert "Disallow: /policies/" not in rules
