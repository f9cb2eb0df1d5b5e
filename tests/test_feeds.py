"""Following changes: the Atom feeds parse as Atom with the required elements, in the
language of their address, and the iCalendar feed of application windows is valid
RFC 5545 text (CRLF, paired BEGIN/END, required properties, lines of at most 75
octets, escaped text)."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from policies import ical
from policies.models import Policy

from .factories import PolicyFactory, RegionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = settings.PORTAL_BASE_URL


@pytest.fixture
def guide(db) -> None:
    call_command("loaddata", "content", verbosity=0)


def atom(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text, required
    return root


def test_policy_feed_lists_every_published_policy_as_an_atom_entry(client, guide):
    root = atom(client, reverse("policies:feed"))

    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 21
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert entry.find(f"{ATOM}link").get("href").startswith(BASE + "/")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert "DC-2 Office rent subsidy for newly settled key enterprises" in titles


def test_a_new_version_is_a_new_entry_first_in_the_feed(client, guide):
    Policy.objects.filter(code="DC-2").update(state=Policy.State.ARCHIVED)
    PolicyFactory(
        code="DC-2",
        version=2,
        title="Office rent subsidy, 2027 terms",
        published_at=datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC),
    )

    first = atom(client, reverse("policies:feed")).find(f"{ATOM}entry")

    assert first.find(f"{ATOM}title").text == "DC-2 Office rent subsidy, 2027 terms"
    assert first.find(f"{ATOM}id").text.endswith("/policies/DC-2/#version-2")
    assert first.find(f"{ATOM}published").text.startswith("2027-01-05")


def test_region_feed_holds_only_that_regions_policies(client, guide):
    url = reverse("policies:region_feed", kwargs={"slug": "changping"})

    entries = atom(client, url).findall(f"{ATOM}entry")

    assert len(entries) == 6
    assert all(e.find(f"{ATOM}title").text.startswith("CP-") for e in entries)
    missing = reverse("policies:region_feed", kwargs={"slug": "xicheng"})
    assert client.get(missing).status_code == 404


def test_chinese_feed_is_in_chinese_with_chinese_links(client, guide):
    with translation.override("zh-hans"):
        url = reverse("policies:region_feed", kwargs={"slug": "dongcheng"})

    root = atom(client, url)

    assert url.startswith("/zh-hans/feeds/")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "DC-1 新落户企业营业收入奖励"
    assert "/zh-hans/policies/DC-1/" in entry.find(f"{ATOM}link").get("href")


def test_pages_announce_the_feeds_in_their_head(client, guide):
    html = client.get(reverse("policies:region", kwargs={"slug": "chaoyang"})).content
    feed = reverse("policies:feed")
    region_feed = reverse("policies:region_feed", kwargs={"slug": "chaoyang"})
    calendar = reverse("policies:windows_calendar")

    assert feed == "/en/feeds/policies.atom"
    assert f'rel="alternate" type="application/atom+xml" href="{feed}"'.encode() in (
        html
    )
    assert f'href="{region_feed}"'.encode() in html
    assert f'type="text/calendar" href="{calendar}"'.encode() in html


def parse_calendar(text: str) -> list[dict]:
    """A minimal iCalendar reader: checks the line rules, unfolds, pairs BEGIN/END
    and returns each component as a dict of its properties."""
    assert text.endswith("\r\n")
    raw_lines = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in raw_lines)
    assert all(len(line.encode()) <= 75 for line in raw_lines)
    lines: list[str] = []
    for line in raw_lines:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[tuple[str, dict]] = []
    components = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append((value, {"type": value}))
        elif name == "END":
            kind, properties = stack.pop()
            assert kind == value, f"END:{value} closes BEGIN:{kind}"
            components.append(properties)
        else:
            stack[-1][1][name] = value
    assert not stack
    return components


def test_calendar_has_each_window_deadline_and_end_as_valid_icalendar(client):
    region = RegionFactory(name="Changping District")
    PolicyFactory(
        code="CP-9",
        region=region,
        title="Standards, drafting; support",
        application_opens=datetime.date(2026, 3, 1),
        application_closes=datetime.date(2026, 3, 31),
        valid_until=datetime.date(2026, 12, 31),
    )
    PolicyFactory(title="No dates at all")

    response = client.get(reverse("policies:windows_calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    components = parse_calendar(response.content.decode())
    calendar = components[-1]
    assert calendar["type"] == "VCALENDAR"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = [c for c in components if c["type"] == "VEVENT"]
    assert len(events) == 3
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= event.keys()
        assert event["DTSTAMP"].endswith("Z")
    window, deadline, ends = events
    assert window["DTSTART;VALUE=DATE"] == "20260301"
    assert window["DTEND;VALUE=DATE"] == "20260401"  # the day after the last
    assert window["SUMMARY"] == (
        "Applications open: CP-9 Standards\\, drafting\\; support"
    )
    assert deadline["DTSTART;VALUE=DATE"] == "20260331"
    assert ends["DTSTART;VALUE=DATE"] == "20261231"
    assert len({e["UID"] for e in events}) == 3


def unescape(value: str) -> str:
    """RFC 5545 TEXT read back, left to right, as a strict reader does."""
    text, rest = [], iter(value)
    for char in rest:
        if char != "\\":
            text.append(char)
            continue
        escaped = next(rest)
        text.append("\n" if escaped in "nN" else escaped)
    return "".join(text)


def _event(summary: str, description: str, day: int = 1) -> ical.Event:
    when = datetime.date(2026, 3, day)
    return ical.Event(
        uid=f"CP-9-window-{day}@portal.example.test",
        start=when,
        last_day=when,
        summary=summary,
        description=description,
        url="https://portal.example.test/policies/CP-9/",
        stamp=datetime.datetime(2026, 1, 5, 8, 30, tzinfo=datetime.UTC),
    )


INJECTIONS = st.sampled_from(
    [
        "\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Free money",
        "\nEND:VEVENT\nBEGIN:VEVENT\nUID:forged",
        "\r\n END:VCALENDAR",
        "a\\nb\\Nc\\,d\\;e\\",
        "申报截止：" + "人工智能" * 30 + "；，。",
        "\x00\x07\x1b[31m\x7f\t",
    ]
)
ANY_TEXT = st.one_of(
    INJECTIONS,
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120),
    st.lists(st.one_of(INJECTIONS, st.text(max_size=20))).map("".join),
)
EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "URL",
    "TRANSP",
}


@given(name=ANY_TEXT, summary=ANY_TEXT, description=ANY_TEXT)
def test_any_text_reads_back_the_same_and_never_makes_an_extra_event(
    name, summary, description
):
    body = ical.calendar(
        name=name,
        product="-//Portal//Test//EN",
        events=[_event(summary, description), _event("next", "", day=2)],
    )

    components = parse_calendar(body)
    events = [c for c in components if c["type"] == "VEVENT"]
    assert [c["type"] for c in components] == ["VEVENT", "VEVENT", "VCALENDAR"]
    assert all(
        {p.split(";")[0] for p in e} - {"type"} == EVENT_PROPERTIES for e in events
    )
    plain = ical.calendar(
        name="x",
        product="-//Portal//Test//EN",
        events=[_event("x", "x"), _event("next", "", day=2)],
    )
    assert len(body.replace("\r\n ", "").split("\r\n")) == len(
        plain.replace("\r\n ", "").split("\r\n")
    )
    assert unescape(events[0]["SUMMARY"]) == ical.clean_text(summary)
    assert unescape(events[0]["DESCRIPTION"]) == ical.clean_text(description)
    assert unescape(components[-1]["X-WR-CALNAME"]) == ical.clean_text(name)
    assert events[1]["SUMMARY"] == "next"
    parsed = icalendar.Calendar.from_ical(body)
    assert len(parsed.walk("VEVENT")) == 2


@given(ANY_TEXT)
def test_cleaning_changes_only_line_breaks_and_control_characters(text):
    cleaned = ical.clean_text(text)

    assert "\r" not in cleaned
    assert all(c in "\n\t" or ord(c) >= 32 and c != "\x7f" for c in cleaned)
    plain = "".join(c for c in text if c in "\t" or ord(c) >= 32 and c != "\x7f")
    if plain == text:
        assert cleaned == text


def test_a_carriage_return_in_a_title_stays_inside_its_event(client):
    PolicyFactory(
        code="CP-9",
        title="Subsidy\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Injected",
        application_opens=datetime.date(2026, 3, 1),
    )

    body = client.get(reverse("policies:windows_calendar")).content.decode()

    events = [c for c in parse_calendar(body) if c["type"] == "VEVENT"]
    assert len(events) == 1
    assert unescape(events[0]["SUMMARY"]) == (
        "Applications open: CP-9 Subsidy\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected"
    )
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == 1


def test_empty_calendar_is_still_a_valid_calendar(client):
    components = parse_calendar(
        client.get(reverse("policies:windows_calendar")).content.decode()
    )

    assert [c["type"] for c in components] == ["VCALENDAR"]
