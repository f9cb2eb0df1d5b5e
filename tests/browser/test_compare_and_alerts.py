"""In real Chromium, from a results page: compare the districts (a table on a wide
screen, a card per district on a phone, the table in print), then ask for alerts,
recover from an error, confirm from the emailed link and see the confirmation."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from policies import sharing
from policies.alerts import tokens
from tests.browser.test_accessibility import _violations
from tests.mail_queue import deliver_mail
from tests.test_alerts import PROFILE, confirm_link, confirmed

pytestmark = pytest.mark.browser


@pytest.fixture
def check_server(live_server, transactional_db):
    """The live server with the guide's content and rules."""
    call_command("loaddata", "content", "rules", verbosity=0)
    return live_server


@pytest.fixture
def csp_errors(page: Page) -> list[str]:
    """Console messages about the Content Security Policy (there must be none)."""
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def open_results(page: Page, server) -> None:
    token = sharing.encode(PROFILE)
    page.goto(server.url + reverse("policies:check_shared", kwargs={"token": token}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")


def test_compare_districts_from_the_results(page: Page, check_server, csp_errors):
    open_results(page, check_server)

    page.get_by_role("link", name="What if we were in another district?").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What if we were in another district?"
    )
    table = page.get_by_role("table", name="Support by district, on your answers")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_count(3)
    expect(page.locator("[data-estimate='dongcheng']")).to_contain_text("CNY 1,200,000")
    expect(page.locator("[data-differences='chaoyang']")).to_contain_text(
        "In Chaoyang District you would lose DC-1 (CNY 500,000)"
    )
    expect(page.get_by_role("button", name="Print this comparison")).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 800})
    expect(table).to_be_hidden()
    expect(page.get_by_role("heading", name="Chaoyang District")).to_be_visible()

    page.emulate_media(media="print")
    expect(table).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator(".compare-cards")).to_be_hidden()
    assert csp_errors == []


def test_subscribe_confirm_from_the_email_and_see_the_confirmation(
    page: Page, check_server, csp_errors
):
    open_results(page, check_server)
    page.get_by_role("link", name="Get an email when a policy opens up for you").click()
    send = page.get_by_role("button", name="Send me a confirmation link")

    send.click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    page.get_by_label("Email address").fill("owner@example.com")
    page.get_by_role("button", name="Send me a confirmation link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert mail.outbox == []  # queued for the worker, not sent in the request
    deliver_mail()
    (message,) = mail.outbox
    link = confirm_link(message)
    assert link.startswith(check_server.url)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirm your policy alerts"
    )
    page.get_by_role("button", name="Confirm and start alerts").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts are on")
    expect(page.locator("[data-alerts-confirmed]")).to_contain_text("o***@example.com")
    assert len(mail.outbox) == 1  # no alert, only the confirmation
    assert csp_errors == []


def test_axe_finds_no_violation_on_the_comparison_and_alert_pages(
    page: Page, check_server
):
    subscription = confirmed()
    share, manage = sharing.encode(PROFILE), tokens.manage_token(subscription)
    pages = [
        ("policies:check_compare", {"token": share}),
        ("policies:alerts_subscribe", {"token": share}),
        ("policies:alerts", {}),
        ("policies:alerts_sent", {}),
        ("policies:alerts_confirm", {"token": tokens.confirm_token(subscription)}),
        ("policies:alerts_data", {"token": manage}),
        ("policies:alerts_unsubscribe", {"token": manage}),
        ("policies:alerts_data", {"token": "altered"}),
    ]
    found = {}
    for language in ("en", "zh-hans"):
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, kwargs in pages:
                with translation.override(language):
                    page.goto(check_server.url + reverse(name, kwargs=kwargs or None))
                if problems := _violations(page):
                    found[(language, width, name)] = problems
    page.goto(
        check_server.url + reverse("policies:alerts_subscribe", kwargs={"token": share})
    )
    page.get_by_role("button", name="Send me a confirmation link").click()
    if problems := _violations(page):
        found["form errors"] = problems
    assert found == {}
