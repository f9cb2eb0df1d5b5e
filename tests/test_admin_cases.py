"""Worked cases: the five examples ship with the portal, `check_cases` and the admin
run them, and a changed threshold shows up as a difference."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from policies.models import Criterion, WorkedCase
from policies.rules.cases import check_expected, compare_outcome
from tests.factories import StaffUserFactory, WorkedCaseFactory

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "worked_cases.json"
EXPECTED_KEYS = ("eligible", "needs_info", "not_eligible", "most_favorable")
EXAMPLES = Path(__file__).resolve().parent / "data" / "examples.json"


@pytest.fixture
def seed(db):
    call_command("loaddata", "content", "rules", verbosity=0)


def raise_equity_threshold() -> None:
    """DC-5 as if an agency raised its threshold from CNY 50 to 150 million."""
    criterion = Criterion.objects.get(
        policy__code="DC-5", fact="equity_investment_this_year"
    )
    criterion.value = 150_000_000
    criterion.save()


def _as_case(example: dict) -> tuple[dict, dict]:
    """An example of the specification as a worked case's profile and expectation."""
    expected = {key: example[key] for key in EXPECTED_KEYS if key in example}
    return example["profile"], expected


def test_the_shipped_worked_cases_are_the_specifications_examples():
    """Two copies exist on purpose (the specification's examples for the tests, the
    fixture the migration ships): they must say the same, case by case."""
    examples = {e["name"]: _as_case(e) for e in json.loads(EXAMPLES.read_text())}
    shipped = {
        row["fields"]["name"]: (row["fields"]["profile"], row["fields"]["expected"])
        for row in json.loads(FIXTURE.read_text())
    }
    assert shipped == examples


def test_the_migration_ships_every_worked_case(db):
    examples = {e["name"]: _as_case(e) for e in json.loads(EXAMPLES.read_text())}
    cases = {
        case.name: (case.profile, case.expected) for case in WorkedCase.objects.all()
    }
    assert cases == examples


def test_check_cases_passes_on_the_seed(seed):
    out = io.StringIO()
    call_command("check_cases", stdout=out)
    assert "5/5 cases hold." in out.getvalue()


def test_check_cases_reports_a_changed_threshold_and_exits_1(seed):
    raise_equity_threshold()
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("check_cases", stdout=out)

    assert error.value.returncode == 1
    assert "4/5 cases hold." in str(error.value)
    report = out.getvalue()
    assert "AI firm that settled in Dongcheng this year:" in report
    assert "DC-5: not eligible, expected eligible" in report
    assert "most favorable: DC-1, expected DC-5" in report


def test_run_selected_cases_lists_the_differences(seed, client):
    raise_equity_threshold()
    client.force_login(StaffUserFactory(role="Editor"))
    cases = WorkedCase.objects.filter(name__startswith="AI firm")

    response = client.post(
        reverse("admin:policies_workedcase_changelist"),
        {"action": "run_selected", "_selected_action": [c.pk for c in cases]},
    )

    assert response.status_code == 200
    assert response.context["title"] == "Worked cases: 0 of 1 hold"
    assert "DC-5: not eligible, expected eligible" in response.content.decode()


def test_run_all_cases_from_the_admin(seed, client):
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.get(reverse("admin:policies_workedcase_run"))
    assert response.context["title"] == "Worked cases: 5 of 5 hold"


def test_a_case_with_a_refused_profile_is_reported(seed):
    WorkedCaseFactory(name="typo", profile={"revenue": 1})
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_cases", stdout=out)
    assert "the profile is refused: revenue" in out.getvalue()


def test_the_case_form_refuses_a_profile_the_api_would_refuse(db, client):
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.post(
        reverse("admin:policies_workedcase_add"),
        {
            "name": "bad",
            "profile": '{"district": "atlantis"}',
            "expected": '{"eligible": {}, "most_favorable": [null]}',
        },
    )
    assert "district:" in response.context["adminform"].form.errors["profile"][0]


# The comparison, alone -----------------------------------------------------------

OUTCOME = {
    "results": [
        {"code": "A", "status": "eligible", "amount": {"min": 100, "max": 100}},
        {"code": "B", "status": "eligible", "amount": None},
        {"code": "C", "status": "needs_info", "amount": None},
        {"code": "D", "status": "not_eligible", "amount": None},
    ],
    "most_favorable": "A",
}


def test_an_outcome_as_expected_has_no_difference():
    expected = {
        "eligible": {"A": [100, 100], "B": None},
        "needs_info": ["C"],
        "not_eligible": ["D"],
        "most_favorable": ["A"],
    }
    assert compare_outcome(expected, OUTCOME) == []


def test_amounts_within_one_yuan_match_and_a_null_minimum_accepts_any():
    expected = {"eligible": {"A": [None, 101], "B": None}, "most_favorable": ["A"]}
    assert compare_outcome(expected, OUTCOME) == []


def test_each_difference_is_named():
    expected = {
        "eligible": {"A": [200, 300]},
        "needs_info": ["D"],
        "not_eligible": ["Z"],
        "most_favorable": [None],
    }
    assert compare_outcome(expected, OUTCOME) == [
        "A: CNY 100, expected CNY 200 to 300",
        "B: eligible (no amount), but the case does not expect it to be eligible",
        "D: not eligible, expected needs information",
        "Z: not in the results, expected not eligible",
        "most favorable: A, expected none",
    ]


def test_differences_are_told_to_staff_in_their_language():
    expected = {"eligible": {"A": [200, 300]}, "most_favorable": [None]}
    with translation.override("zh-hans"):
        differences = compare_outcome(expected, OUTCOME)
        problems = check_expected({"eligible": []})
    assert differences[0] == "A：100元，预期为200元至300元"
    assert "“most_favorable” 必须是非空列表（无则为 null）。" in problems


def test_an_expected_outcome_must_be_well_formed():
    assert check_expected({"eligible": {}, "most_favorable": [None]}) == []
    problems = check_expected(
        {"eligible": {"A": [3, 1]}, "not_eligible": ["A"], "most_favourable": []}
    )
    assert problems == [
        "Unknown key “most_favourable”; use eligible, needs_info, not_eligible, "
        "most_favorable.",
        "A: the minimum CNY 3 is above the maximum CNY 1.",
        "A is listed under both “eligible” and “not_eligible”.",
        "“most_favorable” must be a non-empty list (null for none).",
    ]
