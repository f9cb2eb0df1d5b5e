"""``selectors.rule_set()``: the published rules compiled from the database, in a
constant number of queries, cached until the content changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from policies import selectors
from policies.models import Criterion, Policy, Route
from policies.rules.engine import assess
from policies.rules.profile import parse
from policies.rules.vocabulary import Status
from policies.status import beijing_today
from tests.factories import CriterionFactory, PolicyFactory, RouteFactory
from tests.seed import SEED_CODES, seed_rule_set


def queries_of(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def make_policies(count: int) -> None:
    for _ in range(count):
        route = RouteFactory(policy=PolicyFactory())
        CriterionFactory(policy=route.policy)
        CriterionFactory(policy=route.policy, route=route, fact="sti_plan_project")


@pytest.mark.parametrize("count", [20, 200])
def test_rule_set_reads_in_four_queries_however_many_policies(db, count):
    make_policies(count)
    assert queries_of(selectors.rule_set) == 4
    assert len(selectors.rule_set()) == count


def test_a_cached_rule_set_costs_one_query(db):
    make_policies(3)
    first = selectors.rule_set()
    assert queries_of(selectors.rule_set) == 1
    assert selectors.rule_set() is first


def test_the_seed_rules_from_the_database_match_the_fixture(seed_policies):
    compiled = selectors.rule_set().policies
    assert tuple(p.code for p in compiled) == SEED_CODES
    shipped = seed_rule_set().policies
    assert [(p.criteria, p.routes, p.route_mode) for p in compiled] == [
        (p.criteria, p.routes, p.route_mode) for p in shipped
    ]


def test_a_threshold_changed_in_the_database_changes_the_next_assessment(
    seed_policies,
):
    profile = parse(
        {
            "district": "dongcheng",
            "high_tech_enterprise": True,
            "equity_investment_this_year": 40_000_000,
        }
    )
    before = assess(profile, selectors.rule_set()).outcome("DC-5")
    assert before.status is Status.NOT_ELIGIBLE
    threshold = Criterion.objects.get(
        policy__code="DC-5", fact="equity_investment_this_year"
    )
    threshold.value = 30_000_000
    threshold.save()
    after = assess(profile, selectors.rule_set()).outcome("DC-5")
    assert after.status is Status.ELIGIBLE
    assert after.amount.max == 400_000


def test_drafts_and_expired_policies_leave_the_check(seed_policies):
    Policy.objects.filter(code="DC-1").update(state=Policy.State.DRAFT)
    expired = Policy.objects.get(code="DC-2")
    expired.legal_status = Policy.LegalStatus.EXPIRED
    expired.save()
    codes = [p.code for p in selectors.rule_set().policies]
    assert "DC-1" not in codes and "DC-2" not in codes
    assert len(codes) == len(SEED_CODES) - 2


def test_a_policy_leaves_the_check_the_day_after_its_valid_until_date(seed_policies):
    today = beijing_today()
    last_day = Policy.objects.get(code="DC-5")
    last_day.valid_until = today
    last_day.save()
    ended = Policy.objects.get(code="DC-6")
    ended.valid_until = today - datetime.timedelta(days=1)
    ended.save()

    codes = [p.code for p in selectors.rule_set().policies]

    assert "DC-5" in codes
    assert "DC-6" not in codes


def test_reference_only_policies_stay_in_the_check_flagged(seed_policies):
    flags = {p.code: p.reference_only for p in selectors.rule_set().policies}
    assert flags["CY-1"] is True
    assert flags["BJ-1"] is False


def test_open_data_lists_published_policies_expired_ones_too(seed_policies):
    expired = Policy.objects.get(code="DC-2")
    expired.legal_status = Policy.LegalStatus.EXPIRED
    expired.save()
    items = {item.rule.code: item for item in selectors.published_rules()}
    assert items["DC-2"].legal_status == "expired"
    assert len(items) == len(SEED_CODES)
    assert [i.rule.code for i in selectors.published_rules(code="CP-4")] == ["CP-4"]


DONGCHENG_NEWCOMER = {
    "district": "dongcheng",
    "years_since_settlement": 0,
    "revenue_latest_year": 80_000_000,
}


def test_route_names_follow_the_active_language(seed_policies):
    profile = parse(DONGCHENG_NEWCOMER)

    with translation.override("zh-hans"):
        chinese = assess(profile, selectors.rule_set()).outcome("DC-1")
    english = assess(profile, selectors.rule_set()).outcome("DC-1")

    assert chinese.status is Status.ELIGIBLE
    assert chinese.route.name == "营业收入3000万元至1亿元"
    assert english.route.name == "Revenue CNY 30 million to 100 million"


def test_a_route_without_chinese_shows_its_english_name(seed_policies):
    Route.objects.filter(policy__code="DC-1").update(name_zh_hans="")
    profile = parse(DONGCHENG_NEWCOMER)

    with translation.override("zh-hans"):
        outcome = assess(profile, selectors.rule_set()).outcome("DC-1")

    assert outcome.route.name == "Revenue CNY 30 million to 100 million"
