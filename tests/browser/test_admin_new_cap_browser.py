"""DC-5 end to end in real Chromium: an editor drafts a new cap of CNY 6 million in
the admin, a publisher publishes it, and the public page and the check show it."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from policies import sharing
from policies.models import Policy
from policies.roles import EDITOR, PUBLISHER, sync_roles
from policies.rules.profile import parse
from tests.factories import StaffUserFactory
from tests.seed import DATA

pytestmark = pytest.mark.browser
PASSWORD = "a-long-staff-password"
# The first worked example, with an investment whose 1% (CNY 10 million) is above
# either cap, so the check pays exactly the cap.
INVESTOR = {
    **json.loads((DATA / "examples.json").read_text())[0]["profile"],
    "equity_investment_this_year": 1_000_000_000,
}


@pytest.fixture
def admin_server(live_server, transactional_db):
    """The live server with the guide's content and rules, and the staff roles
    (a transactional test empties the tables the roles migration filled)."""
    call_command("loaddata", "content", "rules", verbosity=0)
    sync_roles()
    return live_server


def sign_in(page: Page, server, role: str) -> None:
    user = StaffUserFactory(role=role, password=PASSWORD)
    page.goto(server.url + reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(user.username)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logged out")


def test_an_editor_drafts_a_new_cap_a_publisher_publishes_it_the_public_sees_it(
    page: Page, admin_server
):
    published = Policy.objects.published().get(code="DC-5")
    sign_in(page, admin_server, EDITOR)
    page.goto(
        admin_server.url + reverse("admin:policies_policy_change", args=[published.pk])
    )
    page.get_by_role("link", name="Create draft").click()
    page.get_by_role("button", name="Create draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft created")

    page.locator("#id_routes-0-cap").fill("6000000")
    page.locator("#id_headline_benefit_en").fill(
        "1% of the investment, up to CNY 6 million"
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".rules-preview")).to_contain_text("capped at CNY 6,000,000")
    draft_url = page.url
    sign_out(page)

    sign_in(page, admin_server, PUBLISHER)
    page.goto(draft_url)
    page.get_by_role("link", name="Publish").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    page.goto(admin_server.url + reverse("policies:policy", args=["DC-5"]))
    expect(page.locator("main")).to_contain_text("up to CNY 6 million")
    token = sharing.encode(parse(INVESTOR))
    page.goto(
        admin_server.url + reverse("policies:check_shared", kwargs={"token": token})
    )
    figure = page.locator("[data-policy-code='DC-5'] .check-result__figure")
    expect(figure).to_have_text("CNY 6,000,000")
