"""Which pages and questions the check shows, decided from the rules: one test per
step condition, on the shipped rule data (no database needed)."""

from dataclasses import replace

import pytest
from django.forms import CheckboxSelectMultiple

from policies.rules.criteria import CriterionRule, check
from policies.rules.facts import TOPICS, derive
from policies.rules.relevance import Relevance, input_facts
from policies.wizard_flow import CHECK, GATES, LOCATION, STEPS, build_plan
from tests.seed import seed_rule_set

ENTERPRISE, FINANCES, PROJECTS = "enterprise", "finances", "projects"


def policy(code):
    return next(p for p in seed_rule_set().policies if p.code == code)


def plan_for(stored, policies=None):
    return build_plan(policies or seed_rule_set().policies, stored)


def located(district, **steps):
    return {LOCATION: {"district": [district]}, **steps}


def answered(stored, step, **given):
    """``stored`` with page ``step`` answered as a person leaving the rest open
    would: "I don't know", blank figures, nothing ticked."""
    planned = plan_for(stored).get(step)
    page = {}
    for name, field in planned.form_class(**planned.form_kwargs).fields.items():
        if name in given:
            page[name] = [given[name]]
        elif isinstance(field.widget, CheckboxSelectMultiple):
            page[name] = []
        else:
            page[name] = ["unknown" if hasattr(field, "choices") else ""]
    return {**stored, step: page}


def fields(plan, step):
    planned = plan.get(step)
    return None if planned is None else planned.facts


def gate_topics(plan):
    planned = plan.get(GATES)
    return sorted(t.slug for t in planned.form_kwargs["topics"]) if planned else []


# relevance: what the rules refer to


def test_input_facts_trace_derived_facts_to_their_inputs():
    assert input_facts(["rd_intensity_pct", "in_beijing"]) == {
        "rd_expense_latest_year",
        "revenue_latest_year",
        "district",
    }


def needed(*codes, **profile):
    return Relevance([policy(code) for code in codes]).needed(derive(profile))


def test_a_policy_whose_own_criterion_failed_needs_nothing():
    assert needed("DC-5", district="chaoyang") == frozenset()


def test_a_policy_whose_routes_all_failed_needs_nothing():
    assert needed("DC-3", district="dongcheng", revenue_latest_year=0) == frozenset()


def test_failed_routes_no_longer_need_their_facts():
    facts = needed(
        "BJ-2", district="haidian", revenue_latest_year=0, revenue_previous_year=0
    )
    assert "insured_employees_now" not in facts
    assert "revenue_q1_current_year" in facts


def test_amount_parameters_count_as_needed():
    facts = needed("CP-3b", district="changping")
    assert "innovation_platform_fixed_asset_investment" in facts


def test_an_add_on_counts_while_a_route_is_open():
    assert "specialized_sophisticated" in needed("BJ-1", district="haidian")


# the pages


def test_every_topic_is_on_exactly_one_page_and_gated_ones_after_the_gates():
    placed = [t.slug for step in STEPS for t in step.topics]
    assert sorted(placed) == sorted(t.slug for t in TOPICS)
    gates = [s.name for s in STEPS].index(GATES)
    for index, step in enumerate(STEPS):
        if any(t.gate_question for t in step.topics):
            assert index > gates, step.name


def test_with_no_answers_only_the_location_and_later_unknown_steps_wait():
    plan = plan_for({})
    assert plan.names[0] == LOCATION
    assert plan.first_unanswered() == LOCATION
    assert fields(plan, LOCATION) == ["district"]


def test_the_year_of_settlement_is_asked_in_dongcheng_where_policies_need_it():
    assert "years_since_settlement" in fields(
        plan_for(located("dongcheng")), ENTERPRISE
    )


@pytest.mark.parametrize(
    "district", ["chaoyang", "changping", "haidian", "outside_beijing"]
)
def test_the_year_of_settlement_is_skipped_where_no_policy_needs_it(district):
    assert "years_since_settlement" not in (
        fields(plan_for(located(district)), ENTERPRISE) or []
    )


def test_outside_beijing_goes_straight_to_check_your_answers():
    assert plan_for(located("outside_beijing")).names == [LOCATION, CHECK]


# gates


@pytest.mark.parametrize(
    ("district", "topics"),
    [
        ("dongcheng", ["equity", "premises", "quarter"]),
        ("chaoyang", ["awards", "quarter", "scenarios"]),
        (
            "changping",
            ["certified_products", "quarter", "research_projects", "standards"],
        ),
        ("haidian", ["quarter"]),
    ],
)
def test_gate_page_asks_only_the_topics_open_policies_need(district, topics):
    assert gate_topics(plan_for(located(district))) == topics


def test_the_gates_come_after_the_enterprise_whose_answers_close_some():
    stored = answered(
        located("changping"),
        ENTERPRISE,
        enterprise_type="other",
        industry_code="70",
        advanced_manufacturing="no",
    )
    stored = answered(stored, "recognition", high_tech_enterprise="no")
    assert gate_topics(plan_for(stored)) == []


def gated(district, **answers):
    return located(district, gates={f"gate_{k}": [v] for k, v in answers.items()})


def test_a_gate_answered_yes_asks_its_topic_on_its_page():
    plan = plan_for(gated("dongcheng", equity="yes", premises="no", quarter="no"))
    assert "equity_investment_this_year" in fields(plan, PROJECTS)
    assert "office_rent_annual" not in fields(plan, PROJECTS)


def test_a_gate_answered_no_answers_the_topic_as_none():
    plan = plan_for(gated("dongcheng", equity="no", premises="no", quarter="no"))
    asked = fields(plan, PROJECTS) or []
    assert "equity_investment_this_year" not in asked
    assert "office_rent_annual" not in asked
    assert plan.profile["equity_investment_this_year"] == 0
    assert plan.profile["office_rent_annual"] == 0


def test_a_gate_answered_no_makes_its_policies_not_eligible_early():
    plan = plan_for(gated("dongcheng", equity="no", premises="no", quarter="no"))
    facts = Relevance(seed_rule_set().policies).needed(derive(plan.profile))
    assert "high_tech_enterprise" not in facts  # only DC-5 asked it
    assert "district_key_enterprise" not in facts  # only DC-2 asked it


def test_a_gate_answered_unknown_hides_the_topic_and_leaves_it_missing():
    plan = plan_for(gated("dongcheng", equity="unknown", premises="yes", quarter="no"))
    assert "equity_investment_this_year" not in fields(plan, PROJECTS)
    assert "equity_investment_this_year" not in plan.profile
    assert plan.step_for_fact("equity_investment_this_year") == GATES
    assert plan.step_for_fact("office_rent_annual") == PROJECTS


def test_an_unanswered_gate_page_keeps_gated_topics_closed():
    plan = plan_for(located("chaoyang"))
    assert plan.first_unanswered() == ENTERPRISE
    assert set(fields(plan, PROJECTS)) <= {
        "highest_revenue_before_latest_year",
        "highest_output_value_before_latest_year",
        "insured_employees_now",
        "insured_employees_previous_year_end",
    }


# questions within a page


def test_recognition_asks_district_key_enterprise_only_in_dongcheng():
    dongcheng = plan_for(located("dongcheng"))
    chaoyang = plan_for(located("chaoyang"))
    assert "district_key_enterprise" in fields(dongcheng, "recognition")
    assert "district_key_enterprise" not in fields(chaoyang, "recognition")


def test_employees_are_asked_only_while_bj2_is_open():
    open_plan = plan_for(gated("haidian", quarter="yes"))
    assert "insured_employees_now" in fields(open_plan, PROJECTS)
    stored = answered(located("haidian"), ENTERPRISE, industry_code="70")
    assert "insured_employees_now" not in (fields(plan_for(stored), PROJECTS) or [])


def test_revenue_answers_make_the_employees_moot_on_the_later_page():
    stored = answered(located("haidian"), ENTERPRISE, industry_code="65")
    stored = answered(stored, "recognition")
    stored = answered(stored, GATES, gate_quarter="no")
    assert "insured_employees_now" in fields(plan_for(stored), PROJECTS)
    stored = answered(
        stored, FINANCES, revenue_latest_year="90000000", revenue_previous_year="0"
    )
    assert "insured_employees_now" not in (fields(plan_for(stored), PROJECTS) or [])


def test_answers_on_a_page_decide_the_questions_of_later_pages():
    stored = answered(located("haidian"), ENTERPRISE, industry_code="70")
    plan = plan_for(stored)
    assert "industry_code" in fields(plan, ENTERPRISE)
    assert "revenue_previous_year" not in (fields(plan, FINANCES) or [])


def scenarios(demonstration: str, funds: str = "") -> dict:
    stored = gated("chaoyang", quarter="no", scenarios="yes", awards="no")
    return answered(
        stored,
        PROJECTS,
        commercialization_project_investment="0",
        scenario_solution_selected="no",
        demonstration_scenario_project=demonstration,
        demonstration_scenario_funds_raised=funds,
        sti_plan_project="yes",
    )


def test_a_follow_up_is_revealed_by_the_answer_that_needs_it():
    plan = plan_for(scenarios("no"))
    assert plan.follow_ups(PROJECTS) == {
        "demonstration_scenario_funds_raised": (
            "demonstration_scenario_project",
            ("yes", "unknown"),
        )
    }


def test_a_follow_up_made_moot_on_its_page_is_dropped_whatever_was_typed():
    plan = plan_for(scenarios("no", funds="10,000,000"))
    assert "demonstration_scenario_funds_raised" not in plan.get(PROJECTS).asked
    assert "demonstration_scenario_funds_raised" not in plan.profile
    kept = plan_for(scenarios("yes", funds="10,000,000"))
    assert kept.profile["demonstration_scenario_funds_raised"] == 10_000_000


def test_invalid_stored_answers_leave_the_step_waiting_and_out_of_the_profile():
    plan = plan_for({LOCATION: {"district": ["atlantis"]}})
    assert plan.first_unanswered() == LOCATION
    assert "district" not in plan.profile


def test_the_pages_keep_the_layout_order():
    plan = plan_for(
        gated(
            "changping",
            certified_products="yes",
            quarter="yes",
            research_projects="yes",
            standards="yes",
        )
    )
    assert plan.names == [
        LOCATION,
        ENTERPRISE,
        "recognition",
        GATES,
        FINANCES,
        PROJECTS,
        CHECK,
    ]


def test_a_new_criterion_on_an_existing_fact_is_asked_without_code():
    cy4 = policy("CY-4")
    extra = check(CriterionRule("office_area_m2", ">=", 100))
    policies = [
        replace(p, criteria=p.criteria + (extra,)) if p is cy4 else p
        for p in seed_rule_set().policies
    ]
    assert "premises" not in gate_topics(plan_for(located("chaoyang")))
    assert "premises" in gate_topics(plan_for(located("chaoyang"), policies))


def test_an_earlier_peak_is_asked_only_once_the_latest_year_could_cross_a_milestone():
    before = gated("dongcheng", equity="no", premises="no", quarter="no")
    assert "highest_revenue_before_latest_year" not in fields(
        plan_for(before), FINANCES
    )
    modest = plan_for(answered(before, FINANCES, revenue_latest_year="60000000"))
    assert "highest_revenue_before_latest_year" not in (fields(modest, PROJECTS) or [])
    large = plan_for(answered(before, FINANCES, revenue_latest_year="600000000"))
    assert "highest_revenue_before_latest_year" in fields(large, PROJECTS)
