"""Free-text matching for the policy search, in English and in Chinese.

English words use PostgreSQL's full-text search with the 'english' configuration,
so "standards" finds "standard" and "AI" does not find "paid". That configuration
cannot split Chinese, which is written without spaces: ``to_tsvector('english',
'东城区人工智能')`` is the single lexeme '东城区人工智能', so a search for 人工智能
would miss it (tests/test_search.py shows this on PostgreSQL). Chinese terms
therefore match as substrings. SQLite has no full-text search: there English words
match at the start of a word (a regular expression) and Chinese as substrings. The
two differ at the edges: PostgreSQL also finds other forms of a word ("standards"
finds "standard"), which SQLite finds only when the search is the shorter form.
What counts as a word, and which words stand for others (the synonym table), is
decided in ``search_text``.
"""

import re
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

from .rules.amounts import AmountRule
from .rules.definitions import PolicyRule
from .rules.vocabulary import AmountKind
from .search_text import Term, code_key, is_chinese

LANGUAGES = ("en", "zh_hans")
POLICY_TEXT = ("title", "summary", "full_text")
NAMES = ("name", "key_projects__name", "key_areas__name", "goals__text")
ENGLISH_DOCUMENT = "english_document"


def match_policies(policies: QuerySet, terms: list[Term]) -> QuerySet:
    """``policies`` narrowed to those whose code or text holds every term (one of
    its words). A code matches on its letters and digits alone, so "dc5" finds
    DC-5; the codes are compared in Python, being few, so any punctuation staff
    put in a code is ignored alike."""
    full_text = connections[policies.db].vendor == "postgresql"
    if full_text:
        english = [f"{field}_en" for field in POLICY_TEXT]
        policies = policies.annotate(
            **{ENGLISH_DOCUMENT: SearchVector(*english, config="english")}
        )
    codes = list(policies.values_list("code", flat=True)) if terms else []
    for term in terms:
        match = Q()
        for word in term.words:
            match |= _code(codes, word) | _policy_text(word, full_text=full_text)
        policies = policies.filter(match)
    return policies


def match_names(regions: QuerySet, terms: list[Term]) -> QuerySet:
    """Regions whose name, key projects, key areas or goals hold every term."""
    vendor = connections[regions.db].vendor
    for term in terms:
        match = Q()
        for word in term.words:
            if is_chinese(word):
                match |= _any(_all_languages(NAMES), word)
            else:
                match |= _word_start(_all_languages(NAMES), word, vendor=vendor)
        regions = regions.filter(match)
    return regions.distinct()


def same_code(codes: list[str], typed: str) -> str | None:
    """The code among ``codes`` that ``typed`` names, whatever its case and
    punctuation ("dc-5" is DC-5); ``None`` when it names none."""
    key = code_key(typed)
    return next((code for code in codes if key and code_key(code) == key), None)


def rule_ceiling(rule: PolicyRule) -> Decimal | None:
    """The most a policy's rules state it can pay: its best route plus every
    add-on. An amount per award or per unit with no overall cap counts at the
    most it states for one (CY-5: up to CNY 5 million per national award);
    ``None`` when some amount states no figure at all (a bare percentage)."""
    routes = [_stated_maximum(route.amount) for route in rule.main_routes]
    add_ons = [_stated_maximum(route.amount) for route in rule.add_ons]
    if None in routes or None in add_ons:
        return None
    return max(routes, default=Decimal(0)) + sum(add_ons, Decimal(0))


def _stated_maximum(amount: AmountRule) -> Decimal | None:
    if amount.ceiling is not None:
        return amount.ceiling
    per_unit = [term.amount for term in amount.terms]
    if amount.kind is AmountKind.PER_UNIT:
        per_unit.append(amount.amount)
    return max(per_unit, default=None)


def by_ceiling(ceiling: Decimal | None) -> tuple[int, Decimal]:
    """A sort key, highest maximum first: amounts by their stated maximum, then
    those that state no figure to compare, then non-monetary benefits."""
    if ceiling is None:
        return (1, Decimal(0))
    return (0, -ceiling) if ceiling > 0 else (2, Decimal(0))


def _code(codes: list[str], word: str) -> Q:
    key = code_key(word)
    return Q(code__in=[code for code in codes if key and key in code_key(code)])


def _policy_text(word: str, *, full_text: bool) -> Q:
    """Chinese words anywhere in either language; other words also as English
    words (full-text search on PostgreSQL, word starts on SQLite)."""
    match = _any(_fields(POLICY_TEXT, "zh_hans"), word)
    if is_chinese(word):
        return match | _any(_fields(POLICY_TEXT, "en"), word)
    if full_text:
        query = SearchQuery(word, config="english", search_type="phrase")
        return match | Q(**{ENGLISH_DOCUMENT: query})
    return match | _word_start(_fields(POLICY_TEXT, "en"), word)


def _fields(names: tuple[str, ...], language: str) -> list[str]:
    return [f"{name}_{language}" for name in names]


def _all_languages(names: tuple[str, ...]) -> list[str]:
    return [field for language in LANGUAGES for field in _fields(names, language)]


def _any(fields: list[str], word: str) -> Q:
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": word})
    return match


def _word_start(fields: list[str], word: str, *, vendor: str = "sqlite") -> Q:
    """Fields where a word starts with ``word``: ``\\m`` in PostgreSQL's regular
    expressions, ``\\b`` in Python's, which Django uses for SQLite."""
    boundary = r"\m" if vendor == "postgresql" else r"\b"
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__iregex": boundary + re.escape(word)})
    return match
