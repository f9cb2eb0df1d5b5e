"""A minimal iCalendar (RFC 5545) writer: all-day events, nothing more.

The application-window feed needs only dates, a summary, a description and a link,
so writing the few properties by hand is shorter than a dependency. The rules that
matter are here: CRLF line ends, TEXT values escaped, and lines folded at 75 octets
without splitting a UTF-8 character (Chinese summaries are three octets a letter).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
MAX_OCTETS = 75


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


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, newlines as ``\\n``."""
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,")):
        text = text.replace(plain, escaped)
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets; each continuation starts
    with a space, which counts toward its 75."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        limit = MAX_OCTETS - (1 if pieces else 0)
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def calendar(*, name: str, product: str, events: Iterable[Event]) -> str:
    """A VCALENDAR holding ``events``, ready to serve as ``text/calendar``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _event_lines(event: Event) -> list[str]:
    stamp = event.stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    end = event.last_day + timedelta(days=1)
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{escape(event.summary)}",
        f"DESCRIPTION:{escape(event.description)}",
        f"URL:{event.url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
