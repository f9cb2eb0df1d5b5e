"""What a keyboard user found in a real browser, kept fixed: every button the Tab key
reaches shows the portal's yellow focus, Bootstrap's buttons included."""

import pytest
from django.urls import reverse_lazy

pytestmark = pytest.mark.browser

FOCUS_YELLOW = "rgb(255, 221, 0)"


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        (reverse_lazy("policies:home"), "a.btn-primary"),
        (reverse_lazy("policies:policy_list"), "button.btn-primary"),
    ],
    ids=["home call to action", "policy search button"],
)
def test_bootstrap_buttons_show_the_portal_focus_when_tabbed_to(
    page, guide_server, path, selector
):
    page.goto(guide_server.url + str(path))

    tab_to(page, selector)

    background = page.evaluate(
        "getComputedStyle(document.activeElement).backgroundColor"
    )
    assert background == FOCUS_YELLOW
