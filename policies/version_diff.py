"""A draft beside the version the public sees now: which content fields differ (each
language on its own), and its rules read in plain words, line by line, with the
words that changed marked.

The rules are compared as ``describe_policy`` reads them, the same sentences the
change page previews, so a publisher sees "capped at CNY 6,000,000" where the
published version says "capped at CNY 5,000,000", not two rows of database fields.
"""

import difflib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField

from .models import Policy
from .rules.describe import PolicyText, describe_policy
from .rules.errors import RuleError
from .selectors import policy_rule
from .translation import TRANSLATED_FIELDS

# Fields that record how a version came about: they differ between any two
# versions and say nothing about what the public reads.
RECORD_FIELDS = frozenset(
    ("id", "version", "state", "based_on", "created_by", "updated_at", "published_at")
)
# A token is a figure with its separators, a Latin word, a run of spaces, or one
# other character (a Chinese character is a word of its own).
TOKEN = re.compile(r"[0-9][0-9,.]*%?|[A-Za-z]+|\s+|.")


@dataclass(frozen=True)
class Segment:
    """A run of text, and whether it differs from the other version."""

    text: str
    changed: bool


@dataclass(frozen=True)
class FieldChange:
    """A content field in both versions, the words that differ marked."""

    label: str
    before: tuple[Segment, ...]
    after: tuple[Segment, ...]


@dataclass(frozen=True)
class LineChange:
    """One line of the rules in both versions; a side is empty where the line was
    added or removed, and ``changed`` says whether the two differ."""

    before: tuple[Segment, ...]
    after: tuple[Segment, ...]
    changed: bool


def content_changes(current: Policy | None, draft: Policy) -> list[FieldChange]:
    """Each content field whose value differs, in both languages for a translated
    field; every filled field when nothing is published yet."""
    changes = []
    for field in _content_fields():
        for column, label in _columns(field.name, field):
            before = _shown(current, column, field) if current else ""
            after = _shown(draft, column, field)
            if before != after:
                changes.append(FieldChange(label, *_marked(before, after)))
    return changes


def _content_fields() -> list[models.Field]:
    """The policy's own fields in model order, a translated one once (its language
    columns are read by ``_columns``), without the record fields."""
    return [
        field
        for field in Policy._meta.get_fields()
        if field.concrete
        and field.name not in RECORD_FIELDS
        and not isinstance(field, TranslationField)
    ]


def _columns(name: str, field: models.Field) -> list[tuple[str, str]]:
    label = capfirst(str(field.verbose_name))
    if name not in TRANSLATED_FIELDS[Policy]:
        return [(name, label)]
    return [
        (f"{name}_{code.replace('-', '_')}", f"{label} ({language})")
        for code, language in settings.LANGUAGES
    ]


def _shown(policy: Policy, column: str, field: models.Field) -> str:
    """A field's value as staff read it: choices and related objects in words."""
    if field.many_to_many:
        return "; ".join(sorted(str(item) for item in getattr(policy, column).all()))
    value = getattr(policy, column)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return date_format(value)
    return str(value)


def rules_lines(policy: Policy | None) -> list[str]:
    """A version's rules in plain words, one line per criterion and route; empty
    when there is no version or its rules cannot be read (the check says why)."""
    if policy is None:
        return []
    try:
        text = describe_policy(policy_rule(policy=policy))
    except RuleError:
        return []
    return _lines(text)


def _lines(text: PolicyText) -> list[str]:
    lines = [_("Whole policy: %(rule)s") % {"rule": c} for c in text.criteria]
    lines.append(text.combination)
    for route in text.routes:
        lines.append(f"{route.name}: {route.amount}")
        lines.extend(f"{route.name} — {criterion}" for criterion in route.criteria)
    return lines


def rules_changes(current: Policy | None, draft: Policy) -> list[LineChange]:
    """The two versions' rules aligned line by line, the changed words marked."""
    before, after = rules_lines(current), rules_lines(draft)
    rows = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = before[i1:i2], after[j1:j2]
        if tag == "equal":
            rows.extend(
                LineChange((Segment(a, False),), (Segment(a, False),), False)
                for a in old
            )
            continue
        for index in range(max(len(old), len(new))):
            a = old[index] if index < len(old) else ""
            b = new[index] if index < len(new) else ""
            rows.append(LineChange(*_marked(a, b), True))
    return rows


def _marked(before: str, after: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both lines cut into segments, the words that differ marked as changed."""
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    left: list[Segment] = []
    right: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            left.append(Segment("".join(old[i1:i2]), changed))
        if j2 > j1:
            right.append(Segment("".join(new[j1:j2]), changed))
    return tuple(left), tuple(right)
