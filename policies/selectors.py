"""Reads: published content for the public pages, and the compiled rule set."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils import translation

from . import search, search_text
from .models import (
    ContentVersion,
    Criterion,
    GuideNote,
    Policy,
    Region,
    Route,
    SearchSynonym,
)
from .rules.definitions import PolicyRule
from .rules.engine import RuleSet
from .rules.rows import policy_rules
from .status import beijing_today


def _published_policies(*, with_relations: bool = False) -> Prefetch:
    """Attach each region's published policies as ``region.published_policies``.

    One query covers every region, so a page that counts or lists them costs the same
    however many policies there are; drafts and archived versions never reach it.
    """
    policies = Policy.objects.published()
    if with_relations:
        policies = policies.with_public_relations()
    return Prefetch("policies", queryset=policies, to_attr="published_policies")


@dataclass(frozen=True)
class RegionOverview:
    """The regions as the home page presents them, in the guide's order."""

    regions: list[Region]
    municipal: Region | None
    districts: list[Region]
    key_districts: list[Region]


@dataclass(frozen=True)
class PolicyIndex:
    """Regions split by whether the guide gives them any published policy."""

    regions_with_policies: list[Region]
    regions_without_policies: list[Region]


def policy_index() -> PolicyIndex:
    """Every region in the guide's order with its published policies attached, and
    apart the regions that have none, so the list can say so rather than omit them."""
    regions = list(Region.objects.prefetch_related(_published_policies()))
    return PolicyIndex(
        regions_with_policies=[r for r in regions if r.published_policies],
        regions_without_policies=[r for r in regions if not r.published_policies],
    )


def region_overview() -> RegionOverview:
    """The municipality with its goals, the districts the guide gives a section, and
    the districts its layout names as key areas (Haidian has no section of its own)."""
    regions = list(
        Region.objects.select_related("goals_source").prefetch_related(
            "goals", _published_policies()
        )
    )
    return RegionOverview(
        regions=regions,
        municipal=next((r for r in regions if r.is_municipal), None),
        districts=[r for r in regions if not r.is_municipal and r.has_guide_content],
        key_districts=[r for r in regions if r.layout_key_district],
    )


def region_get(*, slug: str) -> Region | None:
    """One region with everything its page shows, in a fixed number of queries."""
    return (
        Region.objects.select_related("goals_source")
        .prefetch_related(
            "goals",
            "key_projects",
            "key_areas",
            _published_policies(with_relations=True),
        )
        .filter(slug=slug)
        .first()
    )


def policy_code_like(*, typed: str) -> str | None:
    """The published code that ``typed`` names whatever its case and punctuation,
    so /policies/dc-5/ can send the visitor on to DC-5."""
    codes = list(Policy.objects.published().values_list("code", flat=True))
    return search.same_code(codes, typed)


def policy_get(*, code: str) -> Policy | None:
    """The published version of a policy, with its source, contacts and the other
    published policies of its region; drafts and archived versions are not public."""
    return (
        Policy.objects.published()
        .with_public_relations()
        .prefetch_related(
            Prefetch(
                "region__policies",
                queryset=Policy.objects.published(),
                to_attr="published_policies",
            )
        )
        .filter(code=code)
        .first()
    )


@dataclass(frozen=True)
class FilterOptions:
    """What the published policies hold, field by field, so the list's filters
    offer only choices that find something."""

    regions: QuerySet[Region]
    values: dict[str, set[str]]


def policy_filter_options(*, today: date | None = None) -> FilterOptions:
    """The regions with a published policy, and for each filter the values some
    published policy has (its application status on ``today``, Beijing's date
    by default: "open now" is offered only while a window is open). Two queries."""
    on = today or beijing_today()
    policies = list(Policy.objects.published())
    return FilterOptions(
        regions=Region.objects.filter(pk__in={p.region_id for p in policies}),
        values={
            "benefit_type": {p.benefit_type for p in policies},
            "legal_status": {p.legal_status for p in policies},
            "application": {p.application_status_on(on) for p in policies},
            "tech_field": {field for p in policies for field in p.tech_fields},
        },
    )


@dataclass(frozen=True)
class RegionMatch:
    """A region found by a search, with its key projects, key areas and goals
    that matched."""

    region: Region
    names: list[str]
    goals: list[str]


@dataclass(frozen=True)
class PolicySearch:
    """What a search of the policy list finds."""

    policies: list[Policy]
    regions: list[RegionMatch]


def policy_search(
    *,
    query: str = "",
    region: str | None = None,
    benefit_type: str | None = None,
    legal_status: str | None = None,
    application_status: str | None = None,
    tech_field: str | None = None,
    by_amount: bool = False,
    today: date | None = None,
) -> PolicySearch:
    """Published policies that hold every word of ``query`` and pass every filter
    given, in the guide's order or by the most they can pay; and the regions whose
    name, key projects, key areas or goals hold the words.

    The technology filter keeps the policies that name the field: a policy open
    to every field names none, and keeping those would make "AI" list nearly every
    policy, which is no filter at all. The application
    status and the maximum amount are worked out, not stored, so they filter and
    sort here rather than in SQL; the words and the stored fields filter in SQL.
    """
    terms = search_text.terms(query, search_synonyms())
    policies = search.match_policies(
        Policy.objects.published().with_public_relations(), terms
    )
    if region:
        policies = policies.filter(region__slug=region)
    if benefit_type:
        policies = policies.filter(benefit_type=benefit_type)
    if legal_status:
        policies = policies.filter(legal_status=legal_status)
    found = list(policies.order_by("order", "code"))
    if application_status:
        on = today or beijing_today()
        found = [p for p in found if p.application_status_on(on) == application_status]
    if tech_field:
        found = [p for p in found if tech_field in p.tech_fields]
    if by_amount:
        ceilings = {
            item.rule.code: search.rule_ceiling(item.rule) for item in published_rules()
        }
        found.sort(key=lambda p: search.by_ceiling(ceilings.get(p.code)))
    return PolicySearch(found, _region_matches(terms, region) if terms else [])


def search_synonyms() -> dict[str, list[str]]:
    """The synonym table staff keep: each word a visitor may type, with the words
    that stand for it."""
    return {entry.term: entry.alternatives for entry in SearchSynonym.objects.all()}


def _region_matches(
    terms: list[search_text.Term], slug: str | None
) -> list[RegionMatch]:
    regions = Region.objects.prefetch_related("key_projects", "key_areas", "goals")
    if slug:
        regions = regions.filter(slug=slug)
    matches = []
    for found in search.match_names(regions, terms):
        named = [*found.key_projects.all(), *found.key_areas.all()]
        goals = list(found.goals.all())
        texts = [(item.name_en, item.name_zh_hans) for item in named]
        texts += [(goal.text_en, goal.text_zh_hans) for goal in goals]
        words = _closest_words(terms, texts)
        matches.append(
            RegionMatch(
                found,
                names=[
                    item.name
                    for item in named
                    if _holds(words, item.name_en, item.name_zh_hans)
                ],
                goals=[
                    goal.text
                    for goal in goals
                    if _holds(words, goal.text_en, goal.text_zh_hans)
                ],
            )
        )
    return matches


def _closest_words(
    terms: list[search_text.Term], texts: list[tuple[str | None, ...]]
) -> list[str]:
    """For each term, the first of its words (what the visitor typed, then the
    synonyms in the order staff listed them) that one of ``texts`` holds, so a
    region shows what its own word matched (大模型: the goal on big models) rather
    than everything a broad synonym reaches (人工智能: every goal)."""
    words = []
    for term in terms:
        for word in term.words:
            if any(_holds([word], *pair) for pair in texts):
                words.append(word)
                break
    return words


def _holds(words: list[str], *texts: str | None) -> bool:
    return any(
        search_text.text_matches(word, text or "") for word in words for text in texts
    )


def policy_feed(*, region: Region | None = None) -> QuerySet[Policy]:
    """Published policies, the most recently published or changed first."""
    policies = Policy.objects.published().select_related("region")
    if region is not None:
        policies = policies.for_region(region)
    return policies.order_by(
        F("published_at").desc(nulls_last=True), "-updated_at", "order"
    )


def policy_dated() -> QuerySet[Policy]:
    """Published policies with an application window or an end date to put in a
    calendar, in the guide's order."""
    return (
        Policy.objects.published()
        .exclude(
            application_opens__isnull=True,
            application_closes__isnull=True,
            valid_until__isnull=True,
        )
        .order_by("order", "code")
    )


def guide_note_list() -> QuerySet[GuideNote]:
    """The notes that close the guide, such as the non-stacking rule."""
    return GuideNote.objects.all()


def review_cutoff(*, today: date | None = None) -> date:
    """The oldest ``last_reviewed`` date that still counts as current.

    Policies change with each year's notices, so one not reviewed for
    ``POLICY_REVIEW_MAX_AGE_DAYS`` (a year by default) is flagged to staff.
    """
    today = today or beijing_today()
    return today - timedelta(days=settings.POLICY_REVIEW_MAX_AGE_DAYS)


def policy_review_overdue(*, today: date | None = None) -> QuerySet[Policy]:
    """Published policies whose last review is older than the cutoff."""
    return Policy.objects.published().filter(
        last_reviewed__lt=review_cutoff(today=today)
    )


@dataclass(frozen=True)
class PublishedRules:
    """A published policy's rules with the public facts open data lists beside them."""

    rule: PolicyRule
    legal_status: str
    valid_from: date | None
    valid_until: date | None
    headline_benefit: str


_ROUTE_FIELDS = tuple(f.name for f in Route._meta.concrete_fields)
_CRITERION_FIELDS = ("id", "policy", "route", "order", "fact", "operator", "value")
_compiled: tuple[tuple[str, str, date, Decimal], RuleSet] | None = None
_assessable: tuple[tuple[str, str, date], dict[str, Policy]] | None = None


def rule_set() -> RuleSet:
    """The published, unexpired policies compiled for the engine, cached per process.

    The cache is keyed by the content version token (one indexed query per call),
    the active language (titles are content) and Beijing's date (a policy past its
    ``valid_until`` leaves the check that day), so an edit saved through any
    process is assessed from the next call on, without a restart. A rebuild costs
    three queries however many policies there are.
    """
    global _compiled
    today = beijing_today()
    key = (
        ContentVersion.current(),
        translation.get_language() or "",
        today,
        near_miss_margin(),
    )
    cached = _compiled
    if cached is None or cached[0] != key:
        rules = [item.rule for item in _rules(Policy.objects.assessable(today=today))]
        cached = _compiled = (key, RuleSet(rules, near_miss_margin=key[-1]))
    return cached[1]


def near_miss_margin() -> Decimal:
    """The ``NEAR_MISS_MARGIN_PERCENT`` setting as the engine takes it: 0.2 for 20%."""
    return Decimal(settings.NEAR_MISS_MARGIN_PERCENT) / 100


def assessable_policies_by_code() -> dict[str, Policy]:
    """The public data (source, contacts) of every policy the check assesses today,
    by code, in a fixed number of queries however many policies there are.

    Every results page shows it, so it is cached per process like ``rule_set()``
    and under the same key (loadtest/: a third off the results page's time). The
    policies are read-only here: templates only display them.
    """
    global _assessable
    today = beijing_today()
    key = (ContentVersion.current(), translation.get_language() or "", today)
    cached = _assessable
    if cached is None or cached[0] != key:
        policies = Policy.objects.assessable(today=today).with_public_relations()
        cached = _assessable = (key, {policy.code: policy for policy in policies})
    return cached[1]


def rule_set_cache_clear() -> None:
    """Forget the compiled rule set and the assessable policies (tests roll the
    database back under them)."""
    global _compiled, _assessable
    _compiled = None
    _assessable = None


def published_rules(*, code: str | None = None) -> list[PublishedRules]:
    """Published policies (expired ones too) with their rules, as open data reads
    them; one policy when ``code`` is given. Three queries."""
    policies = Policy.objects.published()
    if code is not None:
        policies = policies.filter(code=code)
    return _rules(policies)


def _rules(policies: QuerySet[Policy]) -> list[PublishedRules]:
    """Compile ``policies`` with their routes and criteria in three queries."""
    rows = list(
        policies.order_by("order", "code").values(
            "id",
            "code",
            "title",
            "route_mode",
            "band_fact",
            "legal_status",
            "valid_from",
            "valid_until",
            "headline_benefit",
            region_slug=F("region__slug"),
            group=F("stacking_group__name"),
        )
    )
    routes = Route.objects.filter(policy__in=policies).values(*_ROUTE_FIELDS)
    criteria = Criterion.objects.filter(policy__in=policies).values(*_CRITERION_FIELDS)
    rules = policy_rules([_engine_row(row) for row in rows], routes, criteria)
    return [
        PublishedRules(
            rule,
            row["legal_status"],
            row["valid_from"],
            row["valid_until"],
            row["headline_benefit"],
        )
        for row, rule in zip(rows, rules, strict=True)
    ]


def _engine_row(row: dict) -> dict:
    """A policy row in the shape ``rules.rows`` reads."""
    return {
        "id": row["id"],
        "code": row["code"],
        "title": row["title"],
        "region": row["region_slug"],
        "route_mode": row["route_mode"],
        "band_fact": row["band_fact"],
        "stacking_group": row["group"],
        "reference_only": row["legal_status"] == Policy.LegalStatus.REFERENCE_ONLY,
    }


def policy_rule(*, policy: Policy) -> PolicyRule:
    """One version's rules as the engine reads them, whatever its editorial state
    (the admin preview); ``RuleError`` when the engine would refuse them."""
    (item,) = _rules(Policy.objects.filter(pk=policy.pk))
    return item.rule


def rule_set_with(*, policy: Policy) -> RuleSet:
    """The published rule set with ``policy`` in place of its code's published
    version, so staff can try a draft as the public would meet it."""
    others = (
        Policy.objects.assessable(today=beijing_today())
        .exclude(code=policy.code)
        .values("pk")
    )
    chosen = Policy.objects.filter(pk__in=others) | Policy.objects.filter(pk=policy.pk)
    rules = [item.rule for item in _rules(chosen)]
    return RuleSet(rules, near_miss_margin=near_miss_margin())
