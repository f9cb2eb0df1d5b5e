"""Read it in Chinese: every interface string has a Chinese translation, every public
page renders in both languages with the right ``lang``, the switcher works without
JavaScript, and content shows in English, marked, where no Chinese is entered."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from policies.models import Agency, Policy, Region
from policies.rules.facts import CATALOGUE as FACT_CATALOGUE

from .factories import PolicyFactory, SourceDocumentFactory

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CONTENT = Path(settings.BASE_DIR) / "fixtures" / "content.json"
RULES = Path(settings.BASE_DIR) / "fixtures" / "rules.json"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue_entries() -> list[dict]:
    """The .po file's entries: msgctxt, msgid, msgid_plural, msgstr(s) and flags.

    Enough of the format for this check (quoted strings, continuation lines, flags),
    so the test needs neither polib nor gettext's tools.
    """
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set(), "msgstr": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = json.loads(line)
                if key == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
            else:
                keyword, _, quoted = line.partition(" ")
                key = "msgstr" if keyword.startswith("msgstr") else keyword
                if key == "msgstr":
                    entry["msgstr"].append(json.loads(quoted))
                else:
                    entry[key] = json.loads(quoted)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_every_interface_string_has_a_chinese_translation():
    entries = catalogue_entries()

    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert len(entries) > 500
    assert untranslated == []
    assert fuzzy == []


def test_catalogue_entries_are_apart_so_none_hides_another():
    """A merge that glues two entries together (no blank line between them) would
    let the checks here read one entry's msgid with both translations."""
    blocks = CATALOGUE.read_text(encoding="utf-8").split("\n\n")

    glued = [
        block
        for block in blocks
        if sum(line.startswith("msgid ") for line in block.splitlines()) > 1
    ]

    assert glued == []


def test_translations_keep_every_placeholder_of_their_msgid():
    mismatched = [
        (e["msgid"], e["msgstr"])
        for e in catalogue_entries()
        if set(PLACEHOLDER.findall(e["msgid"] + e.get("msgid_plural", "")))
        != set(PLACEHOLDER.findall("".join(e["msgstr"])))
    ]

    assert mismatched == []


def test_catalogue_holds_the_engines_wizards_and_admins_strings():
    msgids = {e["msgid"] for e in catalogue_entries()}

    assert "Revenue in the latest year" in msgids  # engine, marked with N_
    assert "%(gap)s short" in msgids  # engine explanation
    assert "Where is the enterprise registered?" in msgids  # wizard
    assert "Create draft" in msgids  # staff admin


@pytest.fixture
def guide(db) -> None:
    call_command("loaddata", "content", "rules", verbosity=0)


def public_pages() -> list[str]:
    pages = [
        reverse("policies:home"),
        reverse("policies:policy_list"),
        reverse("policies:policy_list") + "?q=rent&sort=amount",
        reverse("policies:check"),
    ]
    pages += [r.get_absolute_url() for r in Region.objects.all()]
    pages += [p.get_absolute_url() for p in Policy.objects.published()]
    return pages


class Page(HTMLParser):
    """The html element's lang and the text of elements with a lang of their own."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")


def html_lang(html: str) -> str | None:
    page = Page()
    page.feed(html)
    return page.lang


@pytest.mark.parametrize(
    ("language", "home_text"), [("en", "Home"), ("zh-hans", "首页")]
)
def test_every_public_page_renders_in_both_languages(
    client, guide, language, home_text
):
    with translation.override(language):
        pages = public_pages()

    assert len(pages) == 4 + 5 + 21
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert html_lang(html) == language, url
        assert f">{home_text}</a>" in html, url


def test_each_language_has_its_own_prefix_and_links_to_the_other(client, guide):
    with translation.override("zh-hans"):
        chinese = reverse("policies:policy", kwargs={"code": "DC-2"})
    with translation.override("en"):
        english = reverse("policies:policy", kwargs={"code": "DC-2"})

    assert chinese == "/zh-hans/policies/DC-2/"
    assert english == "/en/policies/DC-2/"
    html = client.get(chinese).content.decode()
    assert "新落户重点企业办公用房租金补贴" in html
    assert "东城区科学技术和信息化局" in html
    assert f'hreflang="en" href="{settings.PORTAL_BASE_URL}{english}"' in html
    assert (
        f'hreflang="x-default" href="{settings.PORTAL_BASE_URL}/policies/DC-2/"'
    ) in html


def test_unknown_chinese_address_is_a_chinese_404(client, guide):
    with translation.override("zh-hans"):
        response = client.get(reverse("policies:policy", kwargs={"code": "XX-9"}))

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_language_switcher_is_a_form_on_every_page_that_works_without_javascript(
    client, guide
):
    html = client.get(reverse("policies:home")).content.decode()

    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in (
        html
    )
    assert 'name="language" value="zh-hans" lang="zh-hans">简体中文</button>' in html

    with translation.override("en"):
        english_policy = reverse("policies:policy", kwargs={"code": "DC-2"})
        english_region = reverse("policies:region", kwargs={"slug": "dongcheng"})
    with translation.override("zh-hans"):
        chinese_policy = reverse("policies:policy", kwargs={"code": "DC-2"})
        chinese_region = reverse("policies:region", kwargs={"slug": "dongcheng"})

    to_chinese = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": english_policy + "?x=1"},
    )
    to_english = client.post(
        reverse("set_language"), {"language": "en", "next": chinese_region}
    )

    assert to_chinese.status_code == 302
    assert to_chinese["Location"] == chinese_policy + "?x=1"
    assert to_english["Location"] == english_region


def test_missing_chinese_shows_the_english_marked_as_english(client, db):
    policy = PolicyFactory(
        title="Untranslated incentive",
        full_text="A one-time incentive of CNY 500,000 will be granted.",
    )
    with translation.override("zh-hans"):
        url = policy.get_absolute_url()

    html = client.get(url).content.decode()

    assert '<span lang="en">Untranslated incentive</span>' in html
    assert "此内容暂无中文版本，以下为英文。" in html
    assert (
        '<div class="policy__full-text" lang="en"><p>A one-time incentive of CNY '
        "500,000 will be granted.</p></div>"
    ) in html


def test_chinese_entered_is_shown_without_the_english_notice(client, db):
    policy = PolicyFactory(
        title_zh_hans="一次性奖励",
        summary_zh_hans="符合条件的企业可获一次性奖励。",
        full_text_zh_hans="给予一次性奖励50万元。",
        headline_benefit_zh_hans="50万元",
        zh_is_translation=False,
    )
    with translation.override("zh-hans"):
        url = policy.get_absolute_url()

    html = client.get(url).content.decode()

    assert "一次性奖励" in html
    assert "此内容暂无中文版本" not in html
    assert "本政策内容由本门户根据英文指南翻译" not in html  # official wording


def test_portal_translations_are_marked_as_not_official(client, guide):
    with translation.override("zh-hans"):
        translated = reverse("policies:policy", kwargs={"code": "DC-2"})
        goals_source = reverse("policies:region", kwargs={"slug": "beijing"})
    with translation.override("en"):
        english = reverse("policies:policy", kwargs={"code": "DC-2"})

    policy_html = client.get(translated).content.decode()
    region_html = client.get(goals_source).content.decode()
    english_html = client.get(english).content.decode()

    assert "本政策内容由本门户根据英文指南翻译，并非官方文本" in policy_html
    assert "（标题为本门户翻译，非官方标题）" in policy_html
    (white_paper,) = [
        citation
        for citation in region_html.split('class="source-citation"')
        if "北京人工智能产业发展白皮书" in citation
    ]
    assert (
        "（标题为本门户翻译，非官方标题）" in white_paper
    )  # the guide gives no Chinese title
    assert "translation-mark" not in english_html


@pytest.mark.parametrize(
    ("model", "english", "chinese"),
    [
        (Region, "Dongcheng District", "东城区"),
        (Region, "Beijing Municipality", "北京市"),
        (
            Agency,
            "Beijing Municipal Bureau of Economy and Information Technology",
            "北京市经济和信息化局",
        ),
        (
            Agency,
            "Dongcheng District Bureau of Scientific, Technological and Economic "
            "Information Technology",
            "东城区科学技术和信息化局",
        ),
        (
            Agency,
            "Chaoyang Park Administrative Commission of Zhongguancun Science Park",
            "中关村科技园区朝阳园管理委员会",
        ),
        (
            Agency,
            "Changping District Commission of Science and Technology",
            "昌平区科学技术委员会",
        ),
    ],
)
def test_content_carries_the_official_chinese_names(guide, model, english, chinese):
    found = model.objects.get(name_en=english)

    assert found.name_zh_hans == chinese
    with translation.override("zh-hans"):
        assert found.name == chinese
    assert found.name == english


def test_every_english_content_text_in_the_fixture_has_its_chinese():
    rows = json.loads(CONTENT.read_text(encoding="utf-8"))

    missing = [
        (row["model"], row["pk"], name)
        for row in rows
        for name, value in row["fields"].items()
        if name.endswith("_en") and value and not row["fields"][name[:-3] + "_zh_hans"]
    ]

    assert missing == []


def test_every_route_in_the_rules_fixture_has_its_chinese_name():
    routes = [
        row
        for row in json.loads(RULES.read_text(encoding="utf-8"))
        if row["model"] == "policies.route"
    ]

    assert len(routes) == 34
    assert [
        r["pk"] for r in routes if r["fields"]["name_en"] != r["fields"]["name"]
    ] == []
    assert [r["pk"] for r in routes if not r["fields"]["name_zh_hans"]] == []


def test_dates_read_as_gov_uk_in_english_and_as_django_has_them_in_chinese():
    day = datetime.date(2026, 11, 26)

    assert date_format(day) == "26 November 2026"
    assert date_format(day, "SHORT_DATE_FORMAT") == "26 Nov 2026"
    with translation.override("zh-hans"):
        assert date_format(day) == "2026年11月26日"


def test_source_title_mark_follows_the_flag(client, db):
    source = SourceDocumentFactory(
        title_zh_hans="《官方标题》", title_zh_is_translation=False
    )
    policy = PolicyFactory(source=source)
    with translation.override("zh-hans"):
        url = policy.get_absolute_url()

    html = client.get(url).content.decode()

    assert "《官方标题》" in html
    assert "（标题为本门户翻译，非官方标题）" not in html


def test_chinese_pages_print_and_show_in_a_chinese_font_stack(client):
    for stylesheet in ("site.css", "print.css"):
        css = (Path(settings.BASE_DIR) / "static" / "css" / stylesheet).read_text()
        for face in (
            "Noto Sans CJK SC",
            "WenQuanYi Micro Hei",
            "Microsoft YaHei",
            "PingFang SC",
        ):
            assert f'"{face}"' in css, (stylesheet, face)
        assert ":lang(zh)" in css


def test_every_fact_reads_in_chinese_for_the_check_and_the_admin():
    """A label, question, hint or choice of the fact catalogue that the Chinese
    catalogue misses (a broken entry, an edited msgid) shows English to staff and
    enterprises alike; units and codes with no word in them (m², 5G) need none."""
    texts = {
        text
        for fact in FACT_CATALOGUE.values()
        for text in (fact.label, fact.help, fact.question, fact.unit)
        + tuple(label for _value, label in fact.choices)
        if text and re.search(r"[A-Za-z]{3}", text)
    }

    with translation.override("zh-hans"):
        untranslated = sorted(t for t in texts if translation.gettext(t) == t)

    assert untranslated == []
