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
"""

import re
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

from .rules.definitions import PolicyRule

MAX_TERMS = 8
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LANGUAGES = ("en", "zh_hans")
POLICY_TEXT = ("title", "summary", "full_text")
NAMES = ("name", "key_projects__name", "key_areas__name")
ENGLISH_DOCUMENT = "english_document"


def terms(query: str) -> list[str]:
    """The words of a query, all of which a result must contain."""
    return query.split()[:MAX_TERMS]


def is_chinese(term: str) -> bool:
    return bool(CJK.search(term))


def text_matches(term: str, text: str) -> bool:
    """Whether ``text`` contains ``term`` as the database search would find it."""
    if is_chinese(term):
        return term.casefold() in text.casefold()
    return re.search(r"\b" + re.escape(term), text, re.IGNORECASE) is not None


def match_policies(policies: QuerySet, words: list[str]) -> QuerySet:
    """``policies`` narrowed to those whose code or text holds every word."""
    full_text = connections[policies.db].vendor == "postgresql"
    if full_text:
        english = [f"{field}_en" for field in POLICY_TEXT]
        policies = policies.annotate(
            **{ENGLISH_DOCUMENT: SearchVector(*english, config="english")}
        )
    for word in words:
        match = Q(code__icontains=word) | _any(_fields(POLICY_TEXT, "zh_hans"), word)
        if is_chinese(word):
            match |= _any(_fields(POLICY_TEXT, "en"), word)
        elif full_text:
            match |= Q(**{ENGLISH_DOCUMENT: SearchQuery(word, config="english")})
        else:
            match |= _word_start(_fields(POLICY_TEXT, "en"), word)
        policies = policies.filter(match)
    return policies


def match_names(regions: QuerySet, words: list[str]) -> QuerySet:
    """Regions whose name, key projects or key areas hold every word."""
    vendor = connections[regions.db].vendor
    for word in words:
        if is_chinese(word):
            match = _any(_all_languages(NAMES), word)
        else:
            match = _word_start(_all_languages(NAMES), word, vendor=vendor)
        regions = regions.filter(match)
    return regions.distinct()


def rule_ceiling(rule: PolicyRule) -> Decimal | None:
    """The most a policy's rules can pay: its best route plus every add-on; ``None``
    when some amount has no cap (CY-5 pays up to CNY 5 million *per award*)."""
    routes = [route.amount.ceiling for route in rule.main_routes]
    add_ons = [route.amount.ceiling for route in rule.add_ons]
    if None in routes or None in add_ons:
        return None
    return max(routes, default=Decimal(0)) + sum(add_ons, Decimal(0))


def by_ceiling(ceiling: Decimal | None) -> tuple[int, Decimal]:
    """A sort key, highest maximum first: capped amounts by their cap, then those
    with no overall cap (no figure to compare), then non-monetary benefits."""
    if ceiling is None:
        return (1, Decimal(0))
    return (0, -ceiling) if ceiling > 0 else (2, Decimal(0))


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
