"""Reads: published content for the public pages, and the compiled rule set."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import GuideNote, Policy, Region


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


def region_list() -> QuerySet[Region]:
    """Every region in the guide's order, with its published policies attached."""
    return Region.objects.prefetch_related(_published_policies())


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


def guide_note_list() -> QuerySet[GuideNote]:
    """The notes that close the guide, such as the non-stacking rule."""
    return GuideNote.objects.all()
