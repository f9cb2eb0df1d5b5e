"""The check through HTTP: the examples end to end, errors and their recovery, Change
links, and every odd request answered without a 500 or a lost answer."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.models import Criterion, Policy, Region
from policies.wizard_flow import CHECK, GATES, LOCATION
from tests.factories import CriterionFactory, PolicyFactory, RouteFactory
from tests.seed import DATA
from tests.wizard_support import guide, step_url, walk  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")
ENTERPRISE, RECOGNITION, FINANCES, PROJECTS = (
    "enterprise",
    "recognition",
    "finances",
    "projects",
)

EXAMPLES = [e for e in json.loads((DATA / "examples.json").read_text()) if e["profile"]]
DONGCHENG, CHAOYANG, CHANGPING = EXAMPLES[:3]


class PolicyElements(HTMLParser):
    """Each element with ``data-policy-code``: its status and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict] = {}
        self.open: list[tuple[str, int]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.depth += tag not in {"br", "input", "img", "meta", "link"}
        if "data-policy-code" in attributes:
            code = attributes["data-policy-code"]
            self.found[code] = {"status": attributes["data-status"], "text": ""}
            self.open.append((code, self.depth))

    def handle_endtag(self, tag):
        if self.open and self.open[-1][1] == self.depth:
            self.open.pop()
        self.depth -= 1

    def handle_data(self, data):
        for code, _depth in self.open:
            self.found[code]["text"] += data


def policies_on(html: str) -> dict[str, dict]:
    parser = PolicyElements()
    parser.feed(html)
    return parser.found


def money(value: int) -> str:
    return f"CNY {value:,}"


def amount_text(low, high) -> str:
    if low == high:
        return money(high)
    if not low:
        return f"up to {money(high)}"
    return f"{money(low)} to {high:,}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_examples_come_out_as_expected_through_the_pages(client, example):
    found = policies_on(walk(client, example["profile"]).html)
    for code, amount in example["eligible"].items():
        assert found[code]["status"] == "eligible", code
        if amount:
            assert amount_text(*amount) in " ".join(found[code]["text"].split())
    for code in example["needs_info"]:
        assert found[code]["status"] == "needs_info", code
    for code in example.get("not_eligible", []):
        assert found[code]["status"] == "not_eligible", code


@pytest.mark.parametrize(
    ("example", "pages"),
    [(DONGCHENG, 6), (CHAOYANG, 6), (CHANGPING, 6)],
    ids=["dongcheng", "chaoyang", "changping"],
)
def test_each_enterprise_answers_only_the_pages_that_matter(client, example, pages):
    walked = walk(client, example["profile"])
    assert len(walked.pages) - 1 == pages  # "Check your answers" asks nothing


def test_results_show_the_estimate_the_rule_and_the_disclaimer(client):
    html = walk(client, DONGCHENG["profile"]).html
    assert "data-estimate>CNY 1,200,000<" in html
    assert "most favorable" in html and "floor" in html
    assert "the agency that issued each policy decides" in html
    assert 'href="tel:+861087160650"' in html
    assert "Start again" in html


def test_results_explain_a_near_miss_in_one_sentence(client):
    profile = {**DONGCHENG["profile"], "revenue_latest_year": 26_000_000}
    found = policies_on(walk(client, profile).html)
    assert found["DC-1"]["status"] == "not_eligible"
    assert (
        "Revenue in the latest year: you would qualify with CNY 30,000,000 or more;"
        " yours is CNY 26,000,000 (CNY 4,000,000 short)."
        in " ".join(found["DC-1"]["text"].split())
    )


def test_a_miss_far_off_its_threshold_is_no_near_miss(client):
    html = walk(client, DONGCHENG["profile"]).html  # DC-3 needs CNY 500,000,000
    assert "Missed on one figure" not in html
    assert "yours is CNY 80,000,000" not in html


def test_how_near_a_near_miss_must_be_is_a_setting(client, settings):
    profile = {**DONGCHENG["profile"], "revenue_latest_year": 20_000_000}
    assert "Missed on one figure" not in walk(client, profile).html
    settings.NEAR_MISS_MARGIN_PERCENT = 40
    html = walk(client, profile).html
    assert policies_on(html)["DC-1"]["status"] == "not_eligible"
    assert "Missed on one figure" in html
    assert "by no more than 40% of what the policy needs" in html


def test_needs_info_links_to_the_page_that_asks_the_missing_answer(client):
    html = walk(client, DONGCHENG["profile"]).html
    bj1 = html[html.index('data-policy-code="BJ-1"') :]
    assert (
        f'href="{step_url("enterprise", change="1")}">In advanced manufacturing' in bj1
    )


HAIDIAN_ENTERPRISE = {
    "enterprise_type": "unknown",
    "advanced_manufacturing": "unknown",
    "industry_code": "65",
    "years_in_business": "",
}
HAIDIAN_RECOGNITION = {
    "above_designated_size": "yes",
    "newly_above_designated_size": "yes",
    "specialized_sophisticated": "no",
}


def haidian_up_to_the_figures(client) -> None:
    client.post(step_url(LOCATION), {"district": "haidian"})
    client.post(step_url(ENTERPRISE), HAIDIAN_ENTERPRISE)
    client.post(step_url(RECOGNITION), HAIDIAN_RECOGNITION)
    client.post(step_url(GATES), {"gate_quarter": "no"})


def test_an_error_is_summarised_linked_and_recovered(client):
    haidian_up_to_the_figures(client)
    response = client.post(step_url(FINANCES), {"revenue_latest_year": "-5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert '<a href="#id_revenue_latest_year">' in html
    assert 'id="id_revenue_latest_year_error"' in html
    assert 'aria-invalid="true"' in html
    assert html.count("Revenue in the latest year cannot be negative") == 2
    assert html.startswith("<!doctype html>") and "<title>Error:" in html
    response = client.post(step_url(FINANCES), {"revenue_latest_year": "150,000,000"})
    assert response.status_code == 302
    initial = client.get(step_url(RECOGNITION)).context["form"].initial
    assert initial == HAIDIAN_RECOGNITION


def test_an_unlikely_figure_is_queried_once_then_kept(client):
    haidian_up_to_the_figures(client)
    response = client.post(step_url(FINANCES), {"revenue_latest_year": "200"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "CNY 200 is unusually small. Did you mean CNY 2,000,000?" in html
    assert 'name="confirm" value="revenue_latest_year=200"' in html
    assert "Check these figures" in html and "<title>Check:" in html
    assert "There is a problem" not in html
    again = {"revenue_latest_year": "200", "confirm": "revenue_latest_year=200"}
    assert client.post(step_url(FINANCES), again).status_code == 302
    page = client.get(step_url(FINANCES))
    assert page.context["form"].initial["revenue_latest_year"] == "200"


def test_a_query_beside_a_real_error_is_summarised_as_a_problem(client):
    haidian_up_to_the_figures(client)
    answers = {"revenue_latest_year": "200", "revenue_previous_year": "-5"}
    html = client.post(step_url(FINANCES), answers).content.decode()
    assert "There is a problem" in html and "<title>Error:" in html
    assert "Check these figures" not in html


def test_change_returns_to_check_your_answers(client):
    walk(client, DONGCHENG["profile"])
    check = client.get(step_url(CHECK)).content.decode()
    change = step_url(FINANCES, change="1")
    assert f'href="{change}#id_revenue_latest_year"' in check
    page = client.get(change)
    assert 'value="80000000"' in page.content.decode()
    assert page.context["back_url"] == step_url(CHECK)
    answers = {
        "revenue_latest_year": "120,000,000",
        "revenue_previous_year": "50000000",
        "revenue_two_years_ago": "30000000",
        "highest_revenue_before_latest_year": "50000000",
        "rd_expense_latest_year": "12000000",
    }
    response = client.post(change, answers)
    assert response["Location"] == step_url(CHECK) + f"#answers-{FINANCES}"
    check = client.get(step_url(CHECK)).content.decode()
    assert "CNY 120,000,000" in check and "CNY 120 million" in check


def test_a_change_that_opens_a_question_asks_it_before_returning(client):
    walk(client, CHAOYANG["profile"])  # awards: "no"
    gates = {"gate_quarter": "no", "gate_scenarios": "yes", "gate_awards": "yes"}
    response = client.post(step_url(GATES, change="1"), gates)
    assert response["Location"] == step_url(PROJECTS, change="1")
    page = client.get(response["Location"]).context["form"]
    answers = dict.fromkeys(page.fields, "")
    answers.update(
        commercialization_project_investment="0",
        scenario_solution_selected="no",
        demonstration_scenario_project="yes",
        demonstration_scenario_funds_raised="10,000,000",
        sti_plan_project="yes",
        national_sti_progress_awards="1",
        beijing_sti_progress_awards="0",
    )
    response = client.post(step_url(PROJECTS, change="1"), answers)
    assert response["Location"] == step_url(CHECK) + f"#answers-{PROJECTS}"
    found = policies_on(client.get(step_url("results")).content.decode())
    assert found["CY-5"]["status"] == "eligible"


def test_a_step_skipped_through_the_address_sends_back_to_the_first_unanswered(client):
    assert client.get(step_url(FINANCES))["Location"] == step_url(LOCATION)
    client.post(step_url(LOCATION), {"district": "chaoyang"})
    assert client.get(step_url(GATES))["Location"] == step_url(ENTERPRISE)


@pytest.mark.parametrize("step", ["nonsense", "premises", "done", "0", "results-x"])
def test_an_unknown_or_closed_step_redirects_without_losing_answers(client, step):
    client.post(step_url(LOCATION), {"district": "chaoyang"})
    for method in (client.get, client.post):
        response = method(step_url(step))
        assert response.status_code == 302
        assert response["Location"] == step_url(ENTERPRISE)
    assert client.get(step_url(LOCATION)).context["form"].initial == {
        "district": "chaoyang"
    }


def test_the_management_form_is_not_trusted_so_tampering_changes_nothing(client):
    data = {"district": "haidian", "check_wizard-current_step": "../../etc"}
    response = client.post(step_url(LOCATION), data)
    assert response["Location"] == step_url(ENTERPRISE)
    response = client.post(step_url(ENTERPRISE), HAIDIAN_ENTERPRISE)
    assert response["Location"] == step_url(RECOGNITION)


def test_a_post_after_the_session_expired_keeps_the_page_answers(client):
    response = client.post(
        step_url(ENTERPRISE),
        {
            "enterprise_type": "production",
            "advanced_manufacturing": "yes",
            "years_in_business": "5",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.request["PATH_INFO"] == step_url(LOCATION)
    assert "could not find your earlier answers" in page.content.decode()
    client.post(step_url(LOCATION), {"district": "haidian"})
    initial = client.get(step_url(ENTERPRISE)).context["form"].initial
    assert initial["years_in_business"] == "5"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "NaN",
        "-1",
        "1e30",
        "9" * 200,
        "３０００万",
        "½",
        "\u202e12",
        "1,5",
        "0x1F",
        "Infinity",
        "<script>alert(1)</script>",
        "１２３４５６７８９０１２３４",
    ],
)
def test_no_odd_input_produces_a_server_error(client, typed):
    client.post(step_url(LOCATION), {"district": "haidian"})
    client.post(
        step_url(ENTERPRISE),
        {
            "enterprise_type": typed,
            "advanced_manufacturing": typed,
            "industry_code": typed,
            "years_in_business": typed,
        },
    )
    client.post(step_url(ENTERPRISE), HAIDIAN_ENTERPRISE)
    client.post(step_url(RECOGNITION), HAIDIAN_RECOGNITION)
    client.post(step_url(GATES), {"gate_quarter": typed})
    client.post(step_url(GATES), {"gate_quarter": "yes"})
    response = client.post(
        step_url(FINANCES), {"revenue_q1_current_year": typed, "confirm": typed}
    )
    assert response.status_code in (200, 302)


def test_results_wait_until_every_page_is_answered(client):
    assert client.get(step_url("results"))["Location"] == step_url(LOCATION)
    client.post(step_url(LOCATION), {"district": "chaoyang"})
    assert client.get(step_url("results"))["Location"] == step_url(ENTERPRISE)
    assert client.post(step_url(CHECK))["Location"] == step_url(ENTERPRISE)


def test_results_can_be_reloaded_and_start_again_forgets_the_answers(client):
    walked = walk(client, CHAOYANG["profile"])
    reloaded = client.get(step_url("results")).content.decode()
    assert policies_on(reloaded) == policies_on(walked.html)
    response = client.post(step_url("start-again"))
    assert response["Location"] == step_url(LOCATION)
    assert client.get(step_url("results"))["Location"] == step_url(LOCATION)


def test_a_new_criterion_in_the_rule_data_adds_its_question(client):
    walk(client, CHAOYANG["profile"])
    gates = client.get(step_url(GATES)).context["form"].fields
    assert "gate_premises" not in gates
    CriterionFactory(
        policy=Policy.objects.get(code="CY-4"),
        fact="office_area_m2",
        operator=">=",
        value=100,
    )
    gates = client.get(step_url(GATES)).context["form"].fields
    assert "gate_premises" in gates


def test_pages_use_no_inline_script_or_style(client):
    walked = walk(client, CHANGPING["profile"])
    for html in (walked.html, client.get(step_url(CHECK)).content.decode()):
        assert (
            "<script>" not in html and " style=" not in html and "onclick" not in html
        )


def test_results_queries_do_not_grow_with_policies(client):
    walk(client, DONGCHENG["profile"])
    client.get(step_url("results"))
    with CaptureQueriesContext(connection) as before:
        client.get(step_url("results"))
    dongcheng = Region.objects.get(slug="dongcheng")
    for _ in range(5):
        policy = PolicyFactory(region=dongcheng, contacts=[])
        RouteFactory(policy=policy)
        Criterion.objects.create(
            policy=policy, fact="district", operator="==", value="dongcheng"
        )
    client.get(step_url("results"))  # the rule set is compiled again once
    with CaptureQueriesContext(connection) as after:
        response = client.get(step_url("results"))
    assert response.content.decode().count('data-status="eligible"') == 9
    assert len(after) == len(before)


def test_the_check_stores_nothing_but_the_session(client):
    walked = walk(client, CHANGPING["profile"])
    assert Session.objects.count() == 1
    assert "no-store" in walked.results["Cache-Control"]
