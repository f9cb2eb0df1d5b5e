"""Searching and filtering the policy list: English words through PostgreSQL's
full-text search (word starts on SQLite), Chinese words as substrings on both, and
filters that combine. The suite runs on both databases, so every test here holds on
each."""

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from policies import search, selectors
from policies.filters import PolicyFilterForm
from policies.models import Policy, SearchSynonym
from policies.rules.amounts import AmountRule, Term
from policies.rules.definitions import PolicyRule, RouteRule
from policies.rules.vocabulary import AmountKind, RouteRole

pytestmark = pytest.mark.django_db

# The policies whose text in the guide names AI (tagged artificial_intelligence).
AI_POLICIES = ["BJ-3", "CY-1", "CY-2", "CY-3", "CP-1", "CP-5"]


@pytest.fixture
def guide(db) -> None:
    """The guide's content and rules, and the search's synonyms, as the seed ships
    them."""
    call_command("loaddata", "content", "rules", "synonyms", verbosity=0)


def codes(**arguments) -> list[str]:
    return [policy.code for policy in selectors.policy_search(**arguments).policies]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("rent", ["DC-2"]),
        ("standards", ["BJ-3", "CP-2"]),
        ("房租", ["DC-2"]),
        ("租金", ["DC-2"]),
        ("标准", ["BJ-3", "CP-2"]),
        ("cp-3A", ["CP-3a"]),
        ("dc5", ["DC-5"]),
        ("ＤＣ－５", ["DC-5"]),
        ("RENT!", ["DC-2"]),
        ("租金。", ["DC-2"]),
        ("融资", ["DC-5"]),
    ],
)
def test_search_finds_policies_by_english_and_chinese_words_and_codes(
    guide, words, expected
):
    assert codes(query=words) == expected


@pytest.mark.parametrize("words", ["营收", "Revenue"])
def test_revenue_in_either_language_finds_the_revenue_policies(guide, words):
    found = codes(query=words)

    assert {"BJ-1", "BJ-2", "DC-1", "DC-3", "DC-4", "DC-6"} <= set(found)
    assert "DC-2" not in found  # rent


@pytest.mark.parametrize("words", ["大模型", "large model", "Large-Model", "LLM"])
def test_a_large_model_search_finds_the_ai_policies_and_the_goal_on_big_models(
    guide, words
):
    found = selectors.policy_search(query=words)

    assert [p.code for p in found.policies] == AI_POLICIES
    beijing = next(m for m in found.regions if m.region.slug == "beijing")
    assert len(beijing.goals) == 1  # the goal on big models, not every AI goal
    assert "big models" in beijing.goals[0]


@pytest.mark.parametrize("words", ["算力", "computing power"])
def test_a_computing_power_search_finds_the_smart_computing_centre(guide, words):
    found = selectors.policy_search(query=words)

    assert [(m.region.slug, m.names) for m in found.regions] == [
        ("chaoyang", ["AI smart computing center"])
    ]


def test_a_synonym_staff_add_is_searched_at_once_and_gone_once_deleted(guide):
    assert codes(query="办公室") == []
    entry = SearchSynonym.objects.create(term="办公室", also_matches="office premise")

    assert codes(query="办公室") == ["DC-2"]
    entry.delete()
    assert codes(query="办公室") == []


def test_english_words_match_whole_words_not_parts_of_others(guide):
    found = codes(query="AI")

    assert {"BJ-3", "CY-1", "CP-5"} <= set(found)
    assert "DC-1" not in found  # "paid"
    assert "DC-5" not in found  # "raise"


def test_every_word_of_a_search_must_match(guide):
    assert codes(query="rent 租金") == ["DC-2"]
    assert codes(query="rent standards") == []


def test_search_finds_regions_by_key_project_and_names_the_match(guide):
    (match,) = selectors.policy_search(query="Tencent").regions

    assert match.region.slug == "dongcheng"
    assert match.names == ["Tencent Internet Hospital"]
    assert [m.region.slug for m in selectors.policy_search(query="昌平").regions] == [
        "changping"
    ]


def test_filters_combine_with_each_other_and_with_words(guide):
    assert codes(region="chaoyang", benefit_type="cash_reward") == ["CY-5"]
    assert codes(region="dongcheng", query="revenue", benefit_type="rd_funding") == [
        "DC-6"
    ]
    assert codes(legal_status="reference_only", region="beijing") == []
    assert codes(legal_status="not_stated", region="beijing") == [
        "BJ-1",
        "BJ-2",
        "BJ-3",
    ]


def test_technology_field_lists_the_policies_that_name_it_not_every_policy(guide):
    assert codes(tech_field="artificial_intelligence") == AI_POLICIES
    assert codes(tech_field="5g") == ["CP-5"]
    assert codes(region="changping", tech_field="biomedicine") == ["CP-1", "CP-5"]


def test_every_policy_whose_guide_text_names_ai_carries_the_ai_field(guide):
    names_ai = re.compile(r"\bAI\b|artificial intelligence", re.IGNORECASE)
    policies = Policy.objects.published()

    untagged = [
        p.code
        for p in policies
        if names_ai.search(p.full_text_en)
        and "artificial_intelligence" not in p.tech_fields
    ]
    tagged_without_reason = [
        p.code
        for p in policies
        if "artificial_intelligence" in p.tech_fields
        and not names_ai.search(p.full_text_en)
    ]
    assert untagged == []
    assert tagged_without_reason == []


def test_application_status_filter_uses_the_dates(guide):
    assert codes(application_status="open") == []
    assert len(codes(application_status="unannounced")) == 21


def test_sorting_by_maximum_amount_puts_the_largest_cap_first(guide):
    found = codes(by_amount=True)

    assert found[:3] == ["BJ-2", "CY-1", "DC-1"]  # 30 million, 10 million, 5 million
    assert found[-3:] == ["BJ-3", "CP-1", "CP-5"]  # not money


def test_sorting_by_amount_ranks_a_per_award_policy_by_its_stated_maximum(guide):
    found = codes(by_amount=True)

    # CY-5: up to CNY 5 million per national award, no overall cap.
    assert found.index("CY-5") < found.index("DC-2")  # capped at 3 million a year
    assert found.index("CY-3") < found.index("CY-5")  # also 5 million: guide order


def test_ceiling_adds_add_ons_to_the_best_route_and_is_none_without_a_cap():
    def route(amount, role=RouteRole.ROUTE, kind=AmountKind.UP_TO):
        return RouteRule("r", AmountRule(kind, amount=amount), role=role)

    rule = PolicyRule(
        "X-1",
        "x",
        "beijing",
        routes=(route(Decimal(500_000)), route(Decimal(200_000), RouteRole.ADD_ON)),
    )
    per_award = PolicyRule(
        "X-2",
        "x",
        "beijing",
        routes=(
            RouteRule(
                "r",
                AmountRule(
                    AmountKind.SUM_OF_TERMS,
                    terms=(
                        Term("a", Decimal(5_000_000)),
                        Term("b", Decimal(3_000_000)),
                    ),
                ),
            ),
        ),
    )
    bare_rate = PolicyRule(
        "X-3",
        "x",
        "beijing",
        routes=(
            RouteRule("r", AmountRule(AmountKind.PERCENTAGE, rate_pct=Decimal(1))),
        ),
    )

    assert search.rule_ceiling(rule) == Decimal(700_000)
    assert search.rule_ceiling(per_award) == Decimal(5_000_000)
    assert search.rule_ceiling(bare_rate) is None


def test_policy_list_search_is_a_bookmarkable_get_form(client, guide):
    query = urlencode({"q": "租金", "region": "dongcheng", "sort": "amount"})

    response = client.get(reverse("policies:policy_list") + "?" + query)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="policy-filters no-print" method="get"' in html
    assert "1 policy found" in html
    assert reverse("policies:policy", kwargs={"code": "DC-2"}) in html
    assert "30% / 20% / 10% of rent for three years" in html  # headline benefit


def test_unknown_filter_value_is_reported_and_left_out(client, guide):
    response = client.get(reverse("policies:policy_list") + "?region=xicheng&q=rent")

    html = response.content.decode()
    assert "Some filters were not understood" in html
    assert "21 policies" not in html
    assert 'class="region-group"' in html  # falls back to the full list


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="shows PostgreSQL's tokeniser"
)
def test_english_full_text_search_cannot_split_chinese_so_chinese_uses_substrings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', '东城区人工智能')::text")
        (vector,) = cursor.fetchone()
        cursor.execute(
            "SELECT to_tsvector('english', '东城区人工智能') "
            "@@ plainto_tsquery('english', '人工智能')"
        )
        (found,) = cursor.fetchone()

    assert vector == "'东城区人工智能':1"  # one lexeme: the whole run of characters
    assert found is False


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_policy_address_in_another_case_is_sent_on_for_good_to_the_printed_code(
    client, guide, language
):
    with translation.override(language):
        typed_url = reverse("policies:policy", kwargs={"code": "dc-5"})
        printed_url = reverse("policies:policy", kwargs={"code": "DC-5"})
        unknown_url = reverse("policies:policy", kwargs={"code": "dc-9"})

    typed = client.get(typed_url)

    assert typed.status_code == 301
    assert typed["Location"] == printed_url
    assert client.get(unknown_url).status_code == 404


@pytest.mark.parametrize(
    ("language", "words", "shown"),
    [
        (
            "en",
            "large model",
            [
                "Goal: Beijing will support leading enterprises to construct big models",
                "AI smart computing center",
                "6 policies found",
            ],
        ),
        (
            "zh-hans",
            "大模型",
            [
                "发展目标：北京将支持头部企业打造对标ChatGPT的大模型",
                "人工智能智算中心",
                "找到 6 项政策",
            ],
        ),
    ],
)
def test_the_search_page_shows_the_goals_and_key_projects_a_search_found(
    client, guide, language, words, shown
):
    with translation.override(language):
        url = reverse("policies:policy_list") + "?" + urlencode({"q": words})

    html = client.get(url).content.decode()

    for text in shown:
        assert text in html


def filter_choices(**options) -> dict[str, list[str]]:
    form = PolicyFilterForm(options=selectors.policy_filter_options(**options))
    return {
        name: [str(key) for key, _label in field.choices if key]
        for name, field in form.fields.items()
        if hasattr(field, "choices")
    }


def test_filters_offer_no_choice_that_finds_nothing(guide):
    choices = filter_choices(today=date(2026, 6, 1))

    assert "haidian" not in choices["region"]  # the guide gives Haidian no policy
    assert "expired" not in choices["legal_status"]
    assert "other" not in choices["tech_field"]
    assert "application" not in choices  # no window announced: nothing to choose
    for name in ("region", "benefit_type", "legal_status", "tech_field"):
        for value in choices[name]:
            assert codes(**{name: value}), (name, value)


def test_open_now_is_offered_only_while_a_window_is_open(guide):
    Policy.objects.published().filter(code="DC-2").update(
        application_opens=date(2026, 3, 1), application_closes=date(2026, 4, 30)
    )

    during = filter_choices(today=date(2026, 4, 1))["application"]
    after = filter_choices(today=date(2026, 5, 1))["application"]

    assert "open" in during
    assert "open" not in after
    assert "closed" in after


@pytest.mark.parametrize(
    ("language", "button"),
    [("en", "Filters and order (2 chosen)"), ("zh-hans", "筛选和排序（已选2项）")],
)
def test_the_filters_fold_behind_one_button_that_counts_the_chosen_ones(
    client, guide, language, button
):
    query = urlencode({"q": "rent", "region": "dongcheng", "sort": "amount"})
    with translation.override(language):
        url = reverse("policies:policy_list") + "?" + query

    html = client.get(url).content.decode()

    assert '<details class="policy-filters__more">' in html
    assert button in html
    assert 'value="haidian"' not in html
