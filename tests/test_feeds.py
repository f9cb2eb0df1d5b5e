"""Following changes: the Atom feeds parse as Atom with the required elements, in the
language of their address, and the iCalendar feed of application windows is valid
RFC 5545 text (CRLF, paired BEGIN/END, required properties, lines of at most 75
octets, escaped text)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

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

    assert (
        b'rel="alternate" type="application/atom+xml" href="/feeds/policies.atom"'
        in (html)
    )
    assert b'href="/feeds/regions/chaoyang.atom"' in html
    assert b'type="text/calendar" href="/feeds/windows.ics"' in html


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


def test_calendar_text_escapes_and_folds_without_splitting_a_character():
    line = "SUMMARY:" + ical.escape("申报截止：" + "人工智能" * 20 + "; a, b\\c\nd")

    folded = ical.fold(line)

    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert line.endswith("\\; a\\, b\\\\c\\nd")


def test_empty_calendar_is_still_a_valid_calendar(client):
    components = parse_calendar(
        client.get(reverse("policies:windows_calendar")).content.decode()
    )

    assert [c["type"] for c in components] == ["VCALENDAR"]
