"""How population rows and run results are stored: compressed JSON, a chunk at a time.

Rows are stored as the JSON that ``profile.parse`` accepted (numbers as ints or
floats, lists for choices), one array per enterprise with the input facts in a
fixed order, so a chunk of thousands of rows is one small blob that decodes
quickly. ``typed_rows`` turns the stored values back into the types ``parse``
gives (Decimal, frozenset) without checking them again: they were checked
before they were stored, and the property tests compare a run with ``parse``
plus ``assess`` row for row.

Pure Python, no Django: worker processes decode chunks on their own.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..rules.facts import INPUT_FACTS, FactType

FACT_ORDER = tuple(fact.name for fact in INPUT_FACTS)
CHUNK_ROWS = 5_000


@dataclass(frozen=True, slots=True)
class Row:
    """One enterprise: its code in the registry, a name (may be blank), and its
    profile as JSON values (``serialize.json_value`` of what ``parse`` gave)."""

    code: str
    name: str
    profile: dict[str, object]


def _compress(payload: object) -> bytes:
    return zlib.compress(json.dumps(payload, separators=(",", ":")).encode(), 6)


def _expand(blob: bytes) -> object:
    return json.loads(zlib.decompress(bytes(blob)))


def encode_rows(rows: Iterable[Row]) -> bytes:
    payload = {
        "facts": FACT_ORDER,
        "rows": [
            [row.code, row.name, *(row.profile.get(f) for f in FACT_ORDER)]
            for row in rows
        ],
    }
    return _compress(payload)


def decode_rows(blob: bytes) -> list[Row]:
    """The rows as they were stored, with JSON values."""
    payload = _expand(blob)
    facts = payload["facts"]
    return [
        Row(
            code,
            name,
            {f: v for f, v in zip(facts, values, strict=True) if v is not None},
        )
        for code, name, *values in payload["rows"]
    ]


def _number(value: object) -> Decimal:
    return Decimal(value) if value.__class__ is int else Decimal(str(value))


_TYPED: dict[FactType, Callable[[object], object]] = {
    FactType.MONEY: _number,
    FactType.NUMBER: _number,
    FactType.INTEGER: _number,
    FactType.PERCENT: _number,
    FactType.CHOICES: frozenset,
}


def typed_rows(blob: bytes) -> list[tuple[str, str, dict[str, object]]]:
    """(code, name, typed profile) for every row, as ``parse`` would type them."""
    payload = _expand(blob)
    by_name = {fact.name: fact for fact in INPUT_FACTS}
    converters = [_TYPED.get(by_name[f].type) for f in payload["facts"]]
    columns = tuple(zip(payload["facts"], converters, strict=True))
    rows = []
    for code, name, *values in payload["rows"]:
        profile = {}
        for (fact, convert), value in zip(columns, values, strict=True):
            if value is not None:
                profile[fact] = value if convert is None else convert(value)
        rows.append((code, name, profile))
    return rows


def encode_results(results: list) -> bytes:
    return _compress(results)


def decode_results(blob: bytes) -> list:
    return _expand(blob)
