"""The search's synonym table: data staff keep in the admin, seeded once from
fixtures/synonyms.json, read as the search compares words."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from policies import search_text, selectors
from policies.models import SearchSynonym
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_load_seed_fills_an_empty_synonym_table_from_the_fixture():
    call_command("load_seed", verbosity=0)

    assert selectors.search_synonyms()["营收"] == ["营业收入", "business revenue"]
    assert "large model" in selectors.search_synonyms()


def test_load_seed_leaves_a_synonym_table_staff_have_started_alone():
    SearchSynonym.objects.create(term="办公室", also_matches="租金")

    call_command("load_seed", verbosity=0)

    assert selectors.search_synonyms() == {"办公室": ["租金"]}


def test_a_synonym_is_stored_as_the_search_compares_it():
    entry = SearchSynonym.objects.create(
        term="  Large   MODEL ", also_matches="大模型、Big Model，人工智能\nlarge model"
    )

    entry.refresh_from_db()
    assert entry.term == "large model"
    assert entry.alternatives == ["大模型", "big model", "人工智能"]


def test_staff_add_a_synonym_in_the_admin_and_a_second_spelling_is_refused(client):
    client.force_login(StaffUserFactory(role="Editor"))
    add = reverse("admin:policies_searchsynonym_add")

    saved = client.post(add, {"term": "Large Model", "also_matches": "大模型"})
    again = client.post(add, {"term": "LARGE-model!", "also_matches": "big model"})
    empty = client.post(add, {"term": "？！", "also_matches": "rent"})

    assert saved.status_code == 302
    assert SearchSynonym.objects.get().term == "large model"
    assert "already exists" in again.context["adminform"].form.errors["term"][0]
    assert empty.context["adminform"].form.errors["term"] == [
        "Enter a word with letters or numbers."
    ]


@pytest.mark.parametrize(
    ("query", "typed"),
    [
        ("营收增长", ["营收", "增长"]),  # a phrase of the table inside a run of Chinese
        ("Large-Model grants", ["large model", "grants"]),
        ("large models", ["large model"]),
        ("ＤＣ－５", ["dc-5"]),  # full-width
        ("营收，租金。", ["营收", "租金"]),  # Chinese punctuation separates
        ("R&D!", ["r&d"]),
    ],
)
def test_a_query_is_read_without_regard_to_case_width_or_punctuation(query, typed):
    synonyms = {"营收": ["营业收入"], "large model": ["big model"]}

    assert sorted(t.typed for t in search_text.terms(query, synonyms)) == sorted(typed)


def test_the_admin_list_shows_what_a_search_for_each_word_finds(client):
    call_command("load_seed", verbosity=0)
    client.force_login(StaffUserFactory(role="Editor"))

    html = client.get(reverse("admin:policies_searchsynonym_changelist")).content
    row = html.decode().split("融资</a>")[1].split("</tr>")[0]

    assert "股权投资 / equity investment" in row
    assert ">DC-5<" in row
