"""Pages say only what the guide says: a status, a year or a quotation the guide
does not give is not shown as the guide's, and the portal's Chinese is marked as
its translation, on screen and in print (the print stylesheet keeps the marks)."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from policies import services
from policies.models import Policy, SourceDocument, StackingGroup
from tests.admin_support import banded_draft, change_data, change_url
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db
PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "print.css"
MIGRATION = "policies.migrations.0013_not_stated_status_and_source_years"


@pytest.fixture
def guide(db) -> None:
    call_command("loaddata", "content", "rules", verbosity=0)


def page(client, name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        url = reverse(f"policies:{name}", kwargs=kwargs)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("language", "status", "advice"),
    [
        ("en", "Not stated in the guide", "Confirm with the contact below."),
        ("zh-hans", "未在指南中说明", "请向下方联系方式确认。"),
    ],
)
def test_a_status_the_guide_does_not_give_says_so_and_where_to_confirm_it(
    client, guide, language, status, advice
):
    html = page(client, "policy", language, code="DC-1")

    assert status in html and advice in html
    assert "status-tag--in_force" not in html


def test_only_the_chaoyang_policies_carry_a_status_from_the_guide(guide):
    statuses = dict(Policy.objects.values_list("code", "legal_status"))

    assert {code for code, s in statuses.items() if s != "not_stated"} == {
        f"CY-{n}" for n in range(1, 7)
    }
    assert set(statuses.values()) == {"not_stated", "reference_only"}


@pytest.mark.parametrize(
    ("language", "why"),
    [
        ("en", "BJ-1 and BJ-2 both come from the Implementation Guide"),
        ("zh-hans", "BJ-1和BJ-2均出自《2022年北京市高精尖产业发展资金实施指南》"),
    ],
)
def test_bj1_and_bj2_share_one_status_and_say_why(client, guide, language, why):
    bj1, bj2 = Policy.objects.filter(code__in=["BJ-1", "BJ-2"]).order_by("code")

    assert bj1.legal_status == bj2.legal_status == "not_stated"
    for code in ("BJ-1", "BJ-2"):
        assert why in page(client, "policy", language, code=code)


def test_staff_confirm_in_force_and_the_history_records_who_and_when(client):
    editor = StaffUserFactory(role="Editor")
    publisher = StaffUserFactory(role="Publisher")
    draft = banded_draft(legal_status=Policy.LegalStatus.NOT_STATED)
    client.force_login(editor)
    url = change_url(draft)

    client.post(url, {**change_data(client, url), "legal_status": "in_force"})
    services.policy_publish(draft=draft, user=publisher)

    confirmed = draft.history.filter(legal_status="in_force").earliest()
    assert confirmed.history_user == editor and confirmed.history_date
    html = page(client, "policy", "en", code=draft.code)
    assert "status-tag--in_force" in html
    assert "Confirm with the contact below." not in html


@pytest.mark.parametrize(
    ("language", "in_title", "in_note"),
    [
        (
            "en",
            "Year named in its title: 2022. The guide gives no date of issue.",
            "Year named in the guide’s note on it: 2022.",
        ),
        (
            "zh-hans",
            "标题中的年份：2022年。指南未给出发布日期。",
            "指南附注中的年份：2022年。",
        ),
    ],
)
def test_a_source_shows_a_year_only_with_where_the_guide_names_it(
    client, guide, language, in_title, in_note
):
    white_paper = text_of(page(client, "region", language, slug="beijing"))
    chaoyang_measures = text_of(page(client, "policy", language, code="CY-4"))
    dongcheng = text_of(page(client, "policy", language, code="DC-1"))

    assert in_title in white_paper
    assert in_note in chaoyang_measures
    for text in (white_paper, chaoyang_measures, dongcheng):
        assert "Issued in" not in text and "发布年份" not in text
    assert "2022" not in dongcheng


def test_a_year_without_where_the_guide_names_it_is_refused_at_the_field(client):
    client.force_login(StaffUserFactory(role="Editor"))
    url = reverse("admin:policies_sourcedocument_add")
    fields = {"title_en": "A notice", "title_zh_is_translation": "on"}

    refused = client.post(url, {**fields, "year": "2023", "year_basis": ""})
    kept = client.post(url, {**fields, "year": "2023", "year_basis": "title"})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["year_basis"] == [
        "Give a year together with where the guide states it."
    ]
    assert kept.status_code == 302
    assert SourceDocument.objects.get().year_basis == "title"


def test_the_chinese_policy_text_is_headed_as_the_portals_translation(client, guide):
    html = page(client, "policy", "zh-hans", code="BJ-1")

    assert "<h2>指南内容（本站译文）</h2>" in html
    assert "原文" not in text_of(html).replace("指南原文为", "")


def test_the_english_policy_text_keeps_its_plain_heading(client, guide):
    assert "<h2>What the guide says</h2>" in page(client, "policy", "en", code="BJ-1")


def test_the_chinese_guide_content_is_marked_as_the_portals_translation(client, guide):
    pages = [
        page(client, "region", "zh-hans", slug="beijing"),
        page(client, "region", "zh-hans", slug="dongcheng"),
        page(client, "home", "zh-hans"),
        page(client, "policy_list", "zh-hans"),
    ]
    english = page(client, "region", "en", slug="dongcheng")

    for html in pages:
        assert "本页所载指南内容的中文（发展定位、布局和目标" in html
    assert "（本站译名）" in pages[1]  # the agency names in the contact lists
    assert "translation-mark" not in english


def test_the_home_page_calls_the_guide_no_more_than_the_guide(client, guide):
    assert "按官方指南" not in page(client, "home", "zh-hans")
    assert "official guide" not in page(client, "home", "en")


def test_the_guides_closing_notes_in_chinese_are_marked(client, guide):
    html = page(client, "home", "zh-hans")

    notes = html.split('class="guide-notes"')[1].split("</section>")[0]
    assert notes.count("（本站译文）") == 2


def test_the_translation_marks_are_printed():
    hidden = re.findall(r"([^{}]*)\{[^}]*display:\s*none", PRINT_CSS.read_text())

    assert not [rule for rule in hidden if "translation-mark" in rule]


def test_the_reference_note_quotes_the_guides_english_only(client, guide):
    english = text_of(page(client, "policy", "en", code="CY-1"))
    chinese = text_of(page(client, "policy", "zh-hans", code="CY-1"))

    assert "The guide notes: “The 2022 policy is for reference only" in english
    assert "指南注明（本站译文）：2022年政策仅供参考" in chinese
    assert "“2022年" not in chinese


def test_the_non_stacking_note_quotes_the_guide_in_english(guide):
    description = StackingGroup.objects.get().description_zh_hans

    assert "“If a single entity is eligible for multiple support policies" in (
        description
    )
    assert "（本站译文：同一主体" in description
    assert "“同一主体" not in description


def test_the_migration_updates_only_what_still_holds_the_old_seed_value(guide):
    """A live site already has the seed: rows staff changed keep their value."""
    migration = __import__(MIGRATION, fromlist=["say_only_what_the_guide_says"])
    Policy.objects.filter(code="BJ-3").update(
        legal_status="in_force",
        full_text_zh_hans="……申请认定高新技术企业时，成立满一年且……",
    )
    Policy.objects.filter(code="DC-1").update(legal_status="expired")
    Policy.objects.filter(code="CY-6").update(reading_note_en="Staff wording.")
    SourceDocument.objects.filter(year_basis="guide_note").update(year_basis="")
    Policy.objects.filter(code="BJ-1").update(legal_status_note_zh_hans=None)

    migration.say_only_what_the_guide_says(apps, None)

    bj3 = Policy.objects.get(code="BJ-3")
    assert bj3.legal_status == "not_stated"
    assert "成立一年以上" in bj3.full_text_zh_hans
    assert Policy.objects.get(code="DC-1").legal_status == "expired"
    assert Policy.objects.get(code="CY-6").reading_note_en == "Staff wording."
    assert SourceDocument.objects.filter(year_basis="guide_note").count() == 1
    assert (
        "BJ-1和BJ-2均出自" in Policy.objects.get(code="BJ-1").legal_status_note_zh_hans
    )
