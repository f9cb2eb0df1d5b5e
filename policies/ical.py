"""The iCalendar (RFC 5545) feed of application windows, written with the
``icalendar`` library: all-day events with a summary, a description and a link.

``icalendar`` writes the structure (CRLF line ends, lines folded at 75 octets
without splitting a UTF-8 character, dates, UTC stamps). TEXT values are escaped
here, exactly as RFC 5545 3.3.11 says: the library's own escaping also reads a
literal backslash-N as a line break, which would change a title. Control
characters cannot appear in TEXT at all, so a lone CR (or CRLF) becomes a line
break and the others are dropped: whatever staff type, a title stays inside its
own event (``tests/test_feeds.py`` proves it over arbitrary text).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar
from icalendar.prop import vText

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Event:
    """An all-day event from ``start`` to ``last_day``, both inclusive."""

    uid: str
    start: date
    last_day: date
    summary: str
    description: str
    url: str
    stamp: datetime


def clean_text(text: str) -> str:
    """``text`` as a TEXT value can hold it: every line break (CRLF, CR, LF) as
    LF, other control characters except tab dropped; anything else unchanged."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class Text(vText):
    """A TEXT value, cleaned and escaped by RFC 5545 alone."""

    def to_ical(self) -> bytes:
        text = clean_text(str(self))
        for plain, escaped in (
            ("\\", "\\\\"),
            (";", "\\;"),
            (",", "\\,"),
            ("\n", "\\n"),
        ):
            text = text.replace(plain, escaped)
        return text.encode()


def calendar(*, name: str, product: str, events: Iterable[Event]) -> str:
    """A VCALENDAR holding ``events``, ready to serve as ``text/calendar``."""
    feed = icalendar.Calendar()
    feed.add("prodid", product)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", Text(name))
    for event in events:
        feed.add_component(_component(event))
    return feed.to_ical().decode()


def _day_after(day: date) -> date:
    """DTEND is exclusive; a window open to the last day a date can hold (staff
    may type 9999-12-31 for "no end") ends there rather than overflowing."""
    return day + timedelta(days=1) if day < date.max else day


def _component(event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", event.stamp.astimezone(UTC))
    component.add("dtstart", event.start)
    component.add("dtend", _day_after(event.last_day))
    component.add("summary", Text(event.summary))
    component.add("description", Text(event.description))
    component.add("url", event.url)
    component.add("transp", "TRANSPARENT")
    return component
