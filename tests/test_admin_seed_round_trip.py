"""Every seed policy can be edited through the real admin: a draft of each, posted
back as a browser would send the rendered page, saves unchanged; and a changed
number in each route saves and shows in the rules read back in plain words."""

import re
from decimal import Decimal

import pytest

from policies.models import Policy, Route
from policies.rules.vocabulary import AmountKind
from tests.admin_support import (
    change_url,
    create_draft,
    inline_prefix,
    rendered_form,
    save,
    seeded_staff_client,
)
from tests.html_form import FormData
from tests.seed import SEED_CODES

pytestmark = pytest.mark.django_db
RAISE = Decimal(123_000)
# The number a member of staff would change first in a route, by preference.
NUMBERS = ("cap", "amount", "amount_max", "limit")


@pytest.fixture
def editor(client):
    return seeded_staff_client(client, "Editor")


def rule_rows(policy: Policy) -> list[tuple]:
    routes = list(policy.routes.order_by("order").values())
    criteria = list(policy.criteria.order_by("order").values())
    for row in routes + criteria:
        row.pop("id"), row.pop("policy_id")
        row.pop("route_id", None)
    return routes + criteria


def route_form_index(data: FormData, prefix: str, route: Route) -> int:
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    return next(i for i in range(total) if data[f"{prefix}-{i}-id"] == [str(route.pk)])


def raise_one_number(data: FormData, field: str) -> str:
    """Raise the route's first number in ``NUMBERS`` (or its first term's amount)
    by CNY 123,000 in ``data``; return the new amount as the preview writes it."""
    for name in NUMBERS:
        key = f"{field}-{name}"
        if data.get(key, [""])[0]:
            new = Decimal(data[key][0]) + RAISE
            data[key] = [str(new)]
            return f"CNY {new:,.0f}"
    terms = data[f"{field}-terms"][0]
    first = re.search(r'"amount": (\d+)', terms)
    new = Decimal(first.group(1)) + RAISE
    data[f"{field}-terms"] = [
        terms[: first.start(1)] + str(new) + terms[first.end(1) :]
    ]
    return f"CNY {new:,.0f}"


def rules_preview(client, policy: Policy) -> str:
    html = client.get(change_url(policy)).content.decode()
    return re.search(r'<div class="rules-preview">(.*?)</div>', html, re.S).group(1)


@pytest.mark.parametrize("code", SEED_CODES)
def test_a_draft_of_each_seed_policy_saves_unchanged_then_with_new_numbers(
    editor, code
):
    draft = create_draft(editor, code)
    before = rule_rows(draft)
    save(editor, draft, rendered_form(editor, draft))
    assert rule_rows(draft) == before

    data = rendered_form(editor, draft)
    prefix = inline_prefix(data, "routes")
    shown = [
        raise_one_number(data, f"{prefix}-{route_form_index(data, prefix, route)}")
        for route in draft.routes.exclude(kind=AmountKind.NON_MONETARY)
    ]
    save(editor, draft, data)

    preview = rules_preview(editor, draft)
    assert all(amount in preview for amount in shown)
