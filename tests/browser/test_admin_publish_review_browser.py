"""Publishing with eyes open, in real Chromium and in Chinese: the publisher picks
Chinese in the admin's header, reads the rule change and the headline it now
contradicts, cannot publish until the changed worked case is ticked, and the
case then expects the new amount."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from policies import services
from policies.models import Policy, WorkedCase
from policies.roles import PUBLISHER, sync_roles
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.browser
PASSWORD = "a-long-staff-password"
SETTLED = "AI firm that settled in Dongcheng this year"


@pytest.fixture
def dc1_draft(live_server, transactional_db) -> Policy:
    """The guide with its worked cases, and a draft of DC-1 whose lowest band
    gives CNY 600,000 instead of 500,000."""
    call_command("loaddata", "content", "rules", "worked_cases", verbosity=0)
    sync_roles()
    published = Policy.objects.published().get(code="DC-1")
    draft = services.policy_create_draft(policy=published, user=None)
    draft.routes.filter(amount=500_000).update(amount=600_000)
    return draft


def test_a_publisher_reads_the_change_in_chinese_and_accepts_the_changed_case(
    page: Page, live_server, dc1_draft
):
    user = StaffUserFactory(role=PUBLISHER, password=PASSWORD)
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_role("button", name="简体中文").click()
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(
        live_server.url
        + reverse("admin:policies_policy_version", args=[dc1_draft.pk, "publish"])
    )

    expect(page.locator(".rules-diff del")).to_have_text("50")
    expect(page.locator(".rules-diff ins")).to_have_text("60")
    expect(page.locator("#review-figures")).to_have_text("与规则矛盾的文字")
    expect(page.locator(".case-breaks h3")).to_have_text(SETTLED)

    page.get_by_role("button", name="发布").click()  # the unticked box stops it
    expect(page.locator(".case-breaks")).to_be_visible()
    assert Policy.objects.get(pk=dc1_draft.pk).state == Policy.State.DRAFT

    page.locator("input[name=accept_case]").check()
    page.get_by_role("button", name="发布").click()
    expect(page.locator(".messagelist")).to_contain_text(SETTLED)

    case = WorkedCase.objects.get(name=SETTLED)
    assert case.expected["eligible"]["DC-1"] == [600_000, 600_000]
    assert Policy.objects.get(pk=dc1_draft.pk).state == Policy.State.PUBLISHED
