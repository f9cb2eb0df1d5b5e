"""Searching and filtering the policy list: English words through PostgreSQL's
full-text search (word starts on SQLite), Chinese words as substrings on both, and
filters that combine. The suite runs on both databases, so every test here holds on
each."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from policies import search, selectors
from policies.rules.amounts import AmountRule
from policies.rules.definitions import PolicyRule, RouteRule
from policies.rules.vocabulary import AmountKind, RouteRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(db) -> None:
    """The guide's content and rules, as the seed ships them."""
    call_command("loaddata", "content", "rules", verbosity=0)


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
    ],
)
def test_search_finds_policies_by_english_and_chinese_words_and_codes(
    guide, words, expected
):
    assert codes(query=words) == expected


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
    assert codes(legal_status="reference_only", region="beijing") == ["BJ-2"]


def test_technology_field_keeps_policies_open_to_every_field(guide):
    found = codes(region="changping", tech_field="5g")

    assert "CP-1" not in found  # AI, integrated circuits, biomedicine, key materials
    assert {"CP-2", "CP-5"} <= set(found)  # every field / 5G named
    assert "CP-1" in codes(region="changping", tech_field="biomedicine")


def test_application_status_filter_uses_the_dates(guide):
    assert codes(application_status="open") == []
    assert len(codes(application_status="unannounced")) == 21


def test_sorting_by_maximum_amount_puts_the_largest_cap_first(guide):
    found = codes(by_amount=True)

    assert found[:3] == ["BJ-2", "CY-1", "DC-1"]  # 30 million, 10 million, 5 million
    assert found.index("CY-5") > found.index("DC-6")  # no overall cap: after caps
    assert found[-3:] == ["BJ-3", "CP-1", "CP-5"]  # not money


def test_ceiling_adds_add_ons_to_the_best_route_and_is_none_without_a_cap():
    def route(amount, role=RouteRole.ROUTE, kind=AmountKind.UP_TO):
        return RouteRule("r", AmountRule(kind, amount=amount), role=role)

    rule = PolicyRule(
        "X-1",
        "x",
        "beijing",
        routes=(route(Decimal(500_000)), route(Decimal(200_000), RouteRole.ADD_ON)),
    )
    uncapped = PolicyRule(
        "X-2", "x", "beijing", routes=(route(None, kind=AmountKind.SUM_OF_TERMS),)
    )

    assert search.rule_ceiling(rule) == Decimal(700_000)
    assert search.rule_ceiling(uncapped) is None


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
