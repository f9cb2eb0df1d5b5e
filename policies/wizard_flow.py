"""Which pages of the eligibility check an enterprise sees, and with which questions.

The pages group the catalogue's topics (``LAYOUT``): the district, then the
enterprise and its recognitions, one gate page ("Which of these apply?"), its
revenue and R&D, then its earlier peaks (asked only when the latest year could
cross a milestone for the first time), employees and this year's investment,
premises and projects. Walking them in order with the answers stored so far, a
question is kept only when a policy still open to the enterprise needs it
(``rules.relevance``); a gated topic's questions appear only when its gate is
answered yes, and a "no" answers the topic's facts as none.

Within a page the same holds question by question: a follow-up that an earlier
yes/no or choice on the page made moot (the funds a demonstration scenario raised,
once the enterprise said it has none) is dropped when the page is answered, and the
page tells a script which answer reveals it. Everything here is recomputed from the
stored answers on each request, so going back, changing an answer or opening a
page by its address always shows the questions that matter now.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .forms import NO, UNKNOWN, YES, ConfirmForm, FactForm, GateForm
from .rules.definitions import PolicyRule
from .rules.facts import (
    CATALOGUE,
    INPUT_FACTS,
    TOPIC_BY_SLUG,
    TOPICS,
    FactType,
    Topic,
    derive,
)
from .rules.relevance import Relevance

LOCATION, GATES, CHECK = "location", "gates", "check"
DISTRICT = "district"

# The pages and the topics each one asks, in the order asked. Every topic is on one
# page; a gated topic comes after the gate page. Earlier peaks and employees are
# asked after revenue, whose answers often make them moot (only a milestone crossed
# for the first time asks the peaks, only a policy on revenue growth the employees).
LAYOUT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (LOCATION, _("Where is the enterprise registered?"), ("location",)),
    ("enterprise", _("About the enterprise"), ("enterprise",)),
    ("recognition", _("Recognitions and statistics"), ("recognition",)),
    (GATES, _("Which of these apply to the enterprise?"), ()),
    ("finances", _("Revenue and R&D"), ("revenue", "quarter", "rd")),
    (
        "projects",
        _("Other figures and projects"),
        (
            "earlier_peaks",
            "employees",
            "equity",
            "premises",
            "research_projects",
            "scenarios",
            "standards",
            "awards",
            "certified_products",
        ),
    ),
    (CHECK, _("Check your answers"), ()),
)


@dataclass(frozen=True)
class Step:
    """A page of the check: the topics it may ask or, for the gate page, the topics
    whose gate question it may ask."""

    name: str
    title: str
    topics: tuple[Topic, ...] = ()
    gated_topics: tuple[Topic, ...] = ()

    @property
    def facts(self) -> tuple[str, ...]:
        return tuple(f for topic in self.topics for f in _facts_of(topic))


def _facts_of(topic: Topic) -> tuple[str, ...]:
    return tuple(f.name for f in INPUT_FACTS if f.topic == topic.slug)


def _steps() -> tuple[Step, ...]:
    steps = []
    for name, title, topics in LAYOUT:
        gated = tuple(t for t in TOPICS if t.gate_question) if name == GATES else ()
        steps.append(Step(name, title, tuple(TOPIC_BY_SLUG[t] for t in topics), gated))
    return tuple(steps)


STEPS: tuple[Step, ...] = _steps()
STEP_OF_FACT: Mapping[str, str] = {f: s.name for s in STEPS for f in s.facts}
_GATED = frozenset(t.slug for t in TOPICS if t.gate_question)


def _none_value(fact_type: FactType) -> object:
    """What a gate answered "no" says of a fact: zero of a quantity, "no", nothing."""
    if fact_type is FactType.BOOLEAN:
        return False
    if fact_type is FactType.CHOICES:
        return frozenset()
    return Decimal(0)


def none_answers(topic: Topic) -> dict[str, object]:
    """The facts of ``topic`` as a gate answered "no" fills them in."""
    return {f.name: _none_value(f.type) for f in INPUT_FACTS if f.topic == topic.slug}


@dataclass
class PlannedStep:
    """A step the enterprise sees now, with the form built for it.

    ``form`` is bound to the stored answers when there are any; ``answered`` is true
    when they are valid for the questions the step asks now. ``before`` is the
    profile the earlier pages made, and ``asked`` the questions the answers on the
    page kept (a follow-up made moot by an earlier answer is left out).
    """

    step: Step
    form_class: type[forms.Form]
    form_kwargs: dict[str, object]
    form: forms.Form | None = None
    before: dict[str, object] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.step.name

    @property
    def answered(self) -> bool:
        """Valid answers to every question the page asks now (a question that a
        changed answer elsewhere added to it is still waiting)."""
        return (
            self.form is not None
            and self.form.is_valid()
            and self.form.answers_every_question
        )

    @property
    def facts(self) -> list[str]:
        return list(self.form_kwargs.get("facts", ()))


@dataclass
class Plan:
    """The steps to show, in order, and the profile their valid answers make."""

    needed: Callable[[Mapping[str, object]], frozenset[str]]
    steps: list[PlannedStep] = field(default_factory=list)
    profile: dict[str, object] = field(default_factory=dict)
    gates: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> PlannedStep | None:
        return next((s for s in self.steps if s.name == name), None)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def first_unanswered(self, before: str | None = None) -> str | None:
        """The first step, before ``before`` if given, still waiting for an answer.

        "Check your answers" asks nothing, so it never waits.
        """
        for planned in self.steps:
            if planned.name == before:
                return None
            if planned.name != CHECK and not planned.answered:
                return planned.name
        return None

    @property
    def complete(self) -> bool:
        return self.first_unanswered() is None

    def step_for_fact(self, fact: str) -> str | None:
        """Where to answer ``fact`` now: its own page, or the gate page when its
        topic's gate was not answered yes."""
        name = STEP_OF_FACT.get(fact)
        planned = self.get(name) if name else None
        if planned is not None and fact in planned.facts:
            return name
        if CATALOGUE[fact].topic in _GATED and GATES in self.names:
            return GATES
        return name if planned is not None else None

    def follow_ups(self, name: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        """The follow-up questions of page ``name`` (see ``follow_ups``)."""
        planned = self.get(name)
        return follow_ups(planned, self.needed) if planned else {}


def follow_ups(
    planned: PlannedStep, needed: Callable[[Mapping[str, object]], frozenset[str]]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """A page's follow-up questions: each with the earlier yes/no or choice question
    on the page that decides it, and the answers that keep it asked.

    Read from the rules, as every question is: a question is a follow-up of an
    earlier one when some of its answers make it moot. "I don't know" keeps a
    follow-up, since nothing was ruled out.
    """
    facts = planned.facts
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for index, fact in enumerate(facts):
        for earlier in facts[:index]:
            options = _options(earlier)
            if not options:
                continue
            keep = tuple(
                answer
                for answer, value in options
                if value is None or fact in needed({**planned.before, earlier: value})
            )
            if len(keep) < len(options):
                found[fact] = (earlier, keep)
                break
    return found


def _options(name: str) -> list[tuple[str, object]]:
    """A one-answer question's answers as typed and as the engine reads them."""
    fact = CATALOGUE[name]
    if fact.type is FactType.BOOLEAN:
        return [(YES, True), (NO, False), (UNKNOWN, None)]
    if fact.type is FactType.CHOICE and name != DISTRICT:
        return [(code, code) for code, _text in fact.choices] + [(UNKNOWN, None)]
    return []


def build_plan(
    policies: Sequence[PolicyRule], stored: Mapping[str, Mapping[str, list[str]]]
) -> Plan:
    """Walk the steps in order over the stored answers (step name -> raw form data).

    Each step's questions depend only on the answers of the steps before it, so the
    plan is the same whichever page it is built for.
    """
    plan = Plan(_Needed(relevance_of(policies)))
    for step in STEPS:
        planned = _plan_step(step, plan, plan.needed(plan.profile))
        if planned is None:
            continue
        planned.before = dict(plan.profile)
        raw = stored.get(step.name)
        if raw is not None:
            data = MultiValueDict(raw)
            planned.form = planned.form_class(data=data, **planned.form_kwargs)
            if planned.form_class is FactForm and not planned.form.is_valid():
                # A follow-up left unanswered may be moot: ask the rules which.
                kwargs = {**planned.form_kwargs}
                kwargs["follow_ups"] = follow_ups(planned, plan.needed)
                planned.form = planned.form_class(data=data, **kwargs)
        plan.steps.append(planned)
        if planned.answered:
            _take_answers(plan, planned)
    return plan


def _plan_step(step: Step, plan: Plan, needed: frozenset[str]) -> PlannedStep | None:
    """The step as it shows now, or ``None`` when it has nothing to ask."""
    if step.name == CHECK:
        return PlannedStep(step, ConfirmForm, {})
    if step.name == GATES:
        topics = {
            t: [f for f in _facts_of(t) if f in needed] for t in step.gated_topics
        }
        topics = {t: facts for t, facts in topics.items() if facts}
        return PlannedStep(step, GateForm, {"topics": topics}) if topics else None
    if step.name == LOCATION:
        return PlannedStep(step, FactForm, {"facts": step.facts})
    facts = [
        f
        for topic in step.topics
        if not topic.gate_question or plan.gates.get(topic.slug) == YES
        for f in _facts_of(topic)
        if f in needed
    ]
    return PlannedStep(step, FactForm, {"facts": facts}) if facts else None


def _take_answers(plan: Plan, planned: PlannedStep) -> None:
    """Add a valid page's answers to the profile, question by question: a follow-up
    that an earlier yes/no or choice on the page made moot (and the page hid) is
    dropped, whatever was typed in it. Figures are kept as typed: a page cannot hide
    a question behind a figure, so the visitor answered it."""
    form = planned.form
    if isinstance(form, GateForm):
        plan.gates.update(form.answers())
        for topic in planned.step.gated_topics:
            if plan.gates.get(topic.slug) == NO:
                plan.profile.update(none_answers(topic))
        planned.asked = list(form.fields)
        return
    if not isinstance(form, FactForm):
        return
    choices = dict(planned.before)
    for name in planned.facts:
        if planned.asked and name not in plan.needed(choices):
            continue
        planned.asked.append(name)
        value = form.fact(name)
        if value is not None:
            plan.profile[name] = value
            if _options(name):
                choices[name] = value


_compiled: tuple[Sequence[PolicyRule], Relevance] | None = None


def relevance_of(policies: Sequence[PolicyRule]) -> Relevance:
    """``policies`` compiled for asking, once for as long as they stay the same
    object (``selectors.rule_set()`` hands out the same one until the rules change)."""
    global _compiled
    cached = _compiled
    if cached is None or cached[0] is not policies:
        cached = _compiled = (policies, Relevance(policies))
    return cached[1]


class _Needed:
    """``Relevance.needed`` for the profiles of one plan, each worked out once."""

    def __init__(self, relevance: Relevance) -> None:
        self.relevance = relevance
        self.known: dict[frozenset, frozenset[str]] = {}

    def __call__(self, profile: Mapping[str, object]) -> frozenset[str]:
        key = frozenset(profile.items())
        if key not in self.known:
            self.known[key] = self.relevance.needed(derive(profile))
        return self.known[key]
