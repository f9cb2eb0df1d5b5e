"""The public pages: each renders accessibly, shows only published content, links every
source and phone number, prints properly, and costs a fixed number of queries."""

import datetime
import html
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from policies.models import Policy

from .factories import ContactFactory, PolicyFactory, RegionFactory
from .test_guide_content import (
    CODES,
    CONTACTS,
    GOAL_OPENINGS,
    INTERPRETATION,
    KEY_AREAS,
    KEY_PROJECTS,
    NON_STACKING,
    PHONES,
    SOURCE_TITLES,
)

pytestmark = pytest.mark.django_db

GUIDE_PAGES = [
    reverse("policies:home"),
    reverse("policies:policy_list"),
    reverse("policies:region", kwargs={"slug": "beijing"}),
    reverse("policies:region", kwargs={"slug": "dongcheng"}),
    reverse("policies:region", kwargs={"slug": "chaoyang"}),
    reverse("policies:region", kwargs={"slug": "changping"}),
    reverse("policies:region", kwargs={"slug": "haidian"}),
    reverse("policies:policy", kwargs={"code": "BJ-3"}),
    reverse("policies:policy", kwargs={"code": "CY-1"}),
    reverse("policies:policy", kwargs={"code": "CP-3a"}),
]


class PageOutline(HTMLParser):
    """The parts of a page the tests reason about: headings, links, landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.links: list[str] = []
        self.stylesheets: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.inline_styles = 0
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if "style" in attributes:
            self.inline_styles += 1
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(
                (attributes["href"], attributes.get("media", "all"))
            )


def outline(html: str) -> PageOutline:
    parser = PageOutline()
    parser.feed(html)
    return parser


@pytest.fixture
def guide(db) -> None:
    """The guide's real content, as fixtures/content.json ships it."""
    call_command("loaddata", "content", verbosity=0)


@pytest.mark.parametrize("url", GUIDE_PAGES)
def test_every_page_has_one_h1_headings_in_order_and_landmarks(client, guide, url):
    response = client.get(url)

    assert response.status_code == 200
    page = outline(response.content.decode())
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    assert all(
        b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False)
    )
    assert {"header", "nav", "main", "footer"} <= set(page.tags)
    assert page.html_lang == "en"
    assert "#main-content" in page.links


@pytest.mark.parametrize("url", GUIDE_PAGES)
def test_every_page_links_screen_and_print_stylesheets_and_nothing_inline(
    client, guide, url
):
    html = client.get(url).content.decode()

    page = outline(html)
    assert ("/static/css/site.css", "screen") in page.stylesheets
    assert ("/static/css/print.css", "print") in page.stylesheets
    assert page.inline_styles == 0
    assert "<script" not in html
    assert "<style" not in html


def test_lang_attribute_follows_the_language_of_the_address(client, guide):
    """Each address names its language (/en/, /zh-hans/), so a shared or printed
    link opens as its sender saw it, whatever the reader's browser prefers."""
    with translation.override("zh-hans"):
        chinese = client.get(reverse("policies:home"), HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        english = client.get(reverse("policies:home"), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert outline(chinese.content.decode()).html_lang == "zh-hans"
    assert outline(english.content.decode()).html_lang == "en"


def test_printout_carries_the_absolute_url_and_the_date_printed(
    client, guide, settings
):
    path = reverse("policies:policy", kwargs={"code": "DC-2"})
    response = client.get(path)

    html = response.content.decode()
    assert settings.PORTAL_BASE_URL + path in html
    assert "Printed on" in html


def test_footer_offers_a_problem_report_and_the_interpretation_disclaimer(
    client, guide, settings
):
    html = client.get(reverse("policies:home")).content.decode()

    assert f'href="mailto:{settings.PORTAL_CONTACT_EMAIL}?subject=' in html
    assert "Report a problem with this page" in html
    assert (
        "The agency that issued each policy is responsible for interpreting it" in html
    )


def test_home_presents_the_municipal_goals_and_the_districts_with_policies(
    client, guide
):
    response = client.get(reverse("policies:home"))

    html = response.content.decode()
    assert "one of the four 100-billion-yuan-level industry clusters" in html
    assert html.count("<li>Beijing will") == 5
    assert "The guide has no section of its own for Haidian District" in html
    for code in ("BJ-1", "BJ-2", "BJ-3", "DC-6", "CY-6", "CP-5"):
        assert reverse("policies:policy", kwargs={"code": code}) in html
    assert html.count("6 policies") == 3
    assert "If a single entity is eligible for multiple support policies" in html


def test_home_links_every_region_the_policy_list_and_the_check(client, guide):
    links = outline(client.get(reverse("policies:home")).content.decode()).links

    for slug in ("beijing", "dongcheng", "chaoyang", "changping", "haidian"):
        assert reverse("policies:region", kwargs={"slug": slug}) in links
    assert reverse("policies:policy_list") in links
    assert reverse("policies:check") in links


def _crawl_public_pages_from_home(client) -> str:
    """Follow every link from home through the guide's pages; return the text seen.

    The check, feeds and other languages are left out: every fact must be reachable
    through the plain English pages alone.
    """
    seen: set[str] = set()
    home = reverse("policies:home")
    guide_pages = (home + "regions/", home + "policies/")
    queue = [home]
    text = ""
    while queue:
        url = queue.pop().split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        page = client.get(url).content.decode()
        text += html.unescape(page)
        queue += [
            link
            for link in outline(page).links
            if link.startswith(guide_pages) and "?" not in link
        ]
    return text


def test_every_fact_of_the_guide_is_reachable_by_links_from_home(client, guide):
    call_command("loaddata", "rules", verbosity=0)
    text = _crawl_public_pages_from_home(client)

    expected = [
        *GOAL_OPENINGS,
        *(name for names in KEY_PROJECTS.values() for name in names),
        *(name for names in KEY_AREAS.values() for name in names),
        *SOURCE_TITLES,
        *(agency for agency, _phone in CONTACTS),
        *(f'href="tel:{phone.replace("-", "")}"' for phone in PHONES),
        *CODES,
        NON_STACKING,
        INTERPRETATION,
    ]
    missing = [fact for fact in expected if fact not in text]
    assert not missing


def test_haidian_page_explains_it_is_in_the_layout_but_has_no_policies(client, guide):
    html = client.get(reverse("policies:region", kwargs={"slug": "haidian"})).content

    assert b"names Haidian District as a key area" in html
    assert b"no section of its own" in html
    assert b"policy-summary" not in html


def test_district_page_lists_each_policy_with_status_source_and_contact(client, guide):
    html = client.get(
        reverse("policies:region", kwargs={"slug": "chaoyang"})
    ).content.decode()

    assert "Alibaba DAMO Academy (Beijing)" in html
    assert "Human-computer interaction" in html
    assert html.count('class="policy-summary"') == 6
    assert html.count("For reference only</strong>") == 6
    assert 'href="tel:+861065099682"' in html
    assert "Measures of Chaoyang District for Management of High-tech Industry" in html


def test_policy_page_shows_code_text_source_contacts_and_review_date(client, guide):
    response = client.get(reverse("policies:policy", kwargs={"code": "BJ-3"}))

    html = response.content.decode()
    assert '<span class="policy-code policy-code--large">BJ-3</span>' in html
    assert "approval on filing" in html
    assert "Implementation Plan of Beijing Municipality for the Pilot" in html
    assert 'datetime="2026-11-26"' in html


def test_agencies_sharing_a_phone_number_share_one_tel_link(client, guide):
    html = client.get(
        reverse("policies:policy", kwargs={"code": "BJ-3"})
    ).content.decode()

    assert html.count('href="tel:+861055577777"') == 1
    assert "Beijing Municipal Science and Technology Commission" in html
    assert "Administrative Commission of Zhongguancun Science Park" in html


def test_reference_only_policy_warns_with_the_sources_note(client, guide):
    html = client.get(
        reverse("policies:policy", kwargs={"code": "CY-1"})
    ).content.decode()

    assert "status-banner--reference" in html
    assert "The 2022 policy is for reference only and subject to the latest" in html


def test_in_force_policy_has_no_status_banner(client, guide):
    html = client.get(reverse("policies:policy", kwargs={"code": "BJ-1"})).content

    assert b"status-banner" not in html


def test_expired_policy_is_marked_expired(client):
    policy = PolicyFactory(legal_status=Policy.LegalStatus.EXPIRED)

    html = client.get(policy.get_absolute_url()).content.decode()

    assert "This policy has expired" in html
    assert "status-banner--expired" in html


def test_validity_dates_and_reading_note_show_only_when_set(client):
    dated = PolicyFactory(
        valid_from=datetime.date(2022, 1, 1),
        valid_until=datetime.date(2022, 12, 31),
        reading_note="The first subsidised year is the settlement year.",
    )
    plain = PolicyFactory()

    dated_html = client.get(dated.get_absolute_url()).content.decode()
    plain_html = client.get(plain.get_absolute_url()).content.decode()

    assert 'datetime="2022-01-01"' in dated_html
    assert 'datetime="2022-12-31"' in dated_html
    assert "How we read this" in dated_html
    assert "The first subsidised year is the settlement year." in dated_html
    assert "Valid from" not in plain_html
    assert "How we read this" not in plain_html


def test_unknown_policy_code_and_region_are_404(client, guide):
    unknown_policy = reverse("policies:policy", kwargs={"code": "XX-9"})
    region_not_in_guide = reverse("policies:region", kwargs={"slug": "xicheng"})

    response = client.get(unknown_policy)
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert client.get(region_not_in_guide).status_code == 404


def test_only_the_published_version_is_public(client):
    published = PolicyFactory(code="DC-9", version=1, title="Published wording")
    PolicyFactory(
        code="DC-9",
        version=2,
        state=Policy.State.DRAFT,
        region=published.region,
        title="Draft wording",
    )
    draft_only = PolicyFactory(
        state=Policy.State.DRAFT, region=published.region, title="Never published"
    )

    policy_html = client.get(published.get_absolute_url()).content.decode()
    region_html = client.get(published.region.get_absolute_url()).content.decode()
    list_html = client.get(reverse("policies:policy_list")).content.decode()

    assert "Published wording" in policy_html
    assert "Draft wording" not in policy_html + region_html + list_html
    assert "Never published" not in region_html + list_html
    assert client.get(draft_only.get_absolute_url()).status_code == 404


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_policies(region, count: int) -> None:
    """Policies with a source and two contacts each, the relations a page prefetches."""
    for _ in range(count):
        PolicyFactory(region=region, contacts=[ContactFactory(), ContactFactory()])


@pytest.mark.parametrize(
    "url_for",
    [
        lambda region: region.get_absolute_url(),
        lambda region: reverse("policies:policy_list"),
        lambda region: reverse("policies:home"),
    ],
    ids=["region", "policy_list", "home"],
)
def test_query_count_does_not_grow_with_the_number_of_policies(client, url_for):
    region = RegionFactory()
    _add_policies(region, 5)
    with_5 = _queries_for(client, url_for(region))

    _add_policies(region, 25)
    with_30 = _queries_for(client, url_for(region))

    assert region.policies.count() == 30
    assert with_30 == with_5


def test_policy_page_query_count_does_not_grow_with_contacts(client):
    one = PolicyFactory()
    many = PolicyFactory(contacts=[ContactFactory() for _ in range(12)])

    assert _queries_for(client, many.get_absolute_url()) == _queries_for(
        client, one.get_absolute_url()
    )
