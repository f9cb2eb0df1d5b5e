"""“Try it” without JSON: a sample enterprise is described with the check's own
questions (money typed as people type it, 万 and 亿 included), a worked case fills
them in, and a pasted JSON profile is still taken when given."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from policies.adminsite.language import COOKIE
from policies.models import WorkedCase
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db
SETTLED = "AI firm that settled in Dongcheng this year"


@pytest.fixture
def staff(client):
    call_command("loaddata", "content", "rules", verbosity=0)
    client.force_login(StaffUserFactory(role="Editor"))
    return client


def try_it(client, answers: dict, language: str = "en"):
    client.cookies[COOKIE] = language
    return client.post(reverse("admin:try_it"), {"policy": "", **answers})


def shown_answers(client, case: WorkedCase) -> dict:
    """What the form shows for ``case``, as its page would post it back."""
    page = client.get(reverse("admin:try_it") + f"?case={case.pk}")
    data = {}
    for field in page.context["enterprise"]:
        value = field.value()
        if value not in (None, "", []):
            data[field.html_name] = value
    return data


def status(response, code: str) -> tuple[str, dict | None]:
    result = next(r for r in response.context["results"] if r["code"] == code)
    return result["status"], result["amount"]


def test_a_worked_case_fills_the_form_and_gives_the_same_outcome(staff):
    case = WorkedCase.objects.get(name=SETTLED)

    by_form = try_it(staff, shown_answers(staff, case))
    by_json = try_it(staff, {"profile": json.dumps(case.profile)})

    assert by_form.context["outcome"] == by_json.context["outcome"]
    assert by_form.context["outcome"]["most_favorable"] == "DC-5"


def test_money_is_read_in_wan_on_the_chinese_admin(staff):
    answers = {
        "district": "dongcheng",
        "in_beijing": "yes",
        "years_since_settlement": "",
        "revenue_latest_year": "8000",
    }

    chinese = try_it(staff, answers, language="zh-hans")
    english = try_it(staff, {**answers, "revenue_latest_year": "1.2亿"})

    assert json.loads(chinese.context["profile_json"])["revenue_latest_year"] == (
        80_000_000
    )
    assert json.loads(english.context["profile_json"])["revenue_latest_year"] == (
        120_000_000
    )


def test_a_figure_that_is_not_money_is_refused_at_its_field(staff):
    response = try_it(staff, {"revenue_latest_year": "a lot"})

    errors = response.context["enterprise"].errors
    assert "must be a number" in errors["revenue_latest_year"][0]
    assert "outcome" not in response.context


def test_nothing_answered_is_assessed_as_unknown(staff):
    response = try_it(staff, {})

    assert status(response, "DC-1") == ("needs_info", None)


def test_a_pasted_profile_is_used_instead_of_the_answers(staff):
    response = try_it(
        staff,
        {
            "district": "chaoyang",
            "profile": json.dumps({"district": "dongcheng"}),
        },
    )

    assert json.loads(response.context["profile_json"]) == {"district": "dongcheng"}
