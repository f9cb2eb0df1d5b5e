"""The portal's data: guide content, policies and their versions, and rule data."""

from .alerts import ConfirmationSlot, OutgoingEmail, Subscription
from .cases import WorkedCase
from .content import (
    Agency,
    Contact,
    DevelopmentGoal,
    GuideNote,
    KeyArea,
    KeyProject,
    Region,
    SourceDocument,
)
from .policy import Policy, StackingGroup
from .population import (
    Population,
    PopulationChunk,
    PopulationEvent,
    PopulationRun,
    RunChunk,
)
from .rules import ContentVersion, Criterion, Route
from .search import SearchSynonym

__all__ = [
    "Agency",
    "ConfirmationSlot",
    "Contact",
    "ContentVersion",
    "Criterion",
    "DevelopmentGoal",
    "GuideNote",
    "KeyArea",
    "KeyProject",
    "OutgoingEmail",
    "Policy",
    "Population",
    "PopulationChunk",
    "PopulationEvent",
    "PopulationRun",
    "Region",
    "Route",
    "RunChunk",
    "SearchSynonym",
    "SourceDocument",
    "StackingGroup",
    "Subscription",
    "WorkedCase",
]
