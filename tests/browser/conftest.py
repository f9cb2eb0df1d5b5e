"""Real-Chromium tests: the system Chromium (``playwright install`` is not available
here) and a live server holding the guide's content."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; Django's guard against
# ORM calls from async code would otherwise refuse the fixtures' database work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


CHROMIUM = "/usr/bin/chromium"

# An assertion waits as long as an action may (30 s) rather than Playwright's
# 5 s: on a machine busy with other work, a page can take longer than that to
# render, and a test must not fail for it.
expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(config, items) -> None:
    """Skip the browser tests where Chromium is missing, unless CI requires them."""
    if os.path.exists(CHROMIUM) or os.environ.get("REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _portal_address_is_the_live_servers(request, settings) -> None:
    """A deployment's PORTAL_BASE_URL is its own address: here, the live server's,
    so the share and email links the pages give lead back to it."""
    if "live_server" in request.fixturenames:
        settings.PORTAL_BASE_URL = request.getfixturevalue("live_server").url


@pytest.fixture
def guide_server(live_server, transactional_db):
    """The live server, with fixtures/content.json loaded."""
    call_command("loaddata", "content", verbosity=0)
    return live_server
