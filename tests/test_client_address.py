"""Lockouts and rate limits key on the client behind our proxies, never on a
forwarded address the client wrote itself."""

import pytest
from django.test import RequestFactory

from policies.client_address import client_address


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_connection_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("6.6.6.6")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "client"),
    [
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 172.16.0.5", "1.1.1.1"),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_right(
    settings, count, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(forwarded)) == client


def test_a_request_that_skipped_the_proxies_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request("1.1.1.1")) == "10.0.0.1"
    assert client_address(_request()) == "10.0.0.1"
