"""Which pages of the eligibility check an enterprise sees, and with which questions.

The steps are the catalogue's topics in order, after two location pages (the
district, then the years since settling, which only district policies need) and one
gate page ("Which of these apply?"). Walking them in order with the answers stored
so far, a question is kept only when a policy still open to the enterprise needs it
(``rules.relevance``); a gated topic's page appears only when its gate is answered
yes, and a "no" answers the topic's facts as none. Everything here is recomputed
from the stored answers on each request, so going back, changing an answer or
opening a page by its address always shows the questions that matter now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .forms import NO, YES, ConfirmForm, FactForm, GateForm
from .rules.definitions import PolicyRule
from .rules.facts import INPUT_FACTS, TOPICS, FactType, Topic, derive
from .rules.relevance import Relevance

LOCATION, SETTLEMENT, GATES, CHECK = "location", "settlement", "gates", "check"
DISTRICT = "district"


@dataclass(frozen=True)
class Step:
    """A page of the check: the facts it may ask (in catalogue order) or, for the
    gate page, the topics whose gate question it may ask."""

    name: str
    title: str
    facts: tuple[str, ...] = ()
    topic: Topic | None = None
    gated_topics: tuple[Topic, ...] = ()


def _facts_of(topic: Topic) -> tuple[str, ...]:
    return tuple(f.name for f in INPUT_FACTS if f.topic == topic.slug)


def _steps() -> tuple[Step, ...]:
    location, *others = TOPICS
    settling = tuple(f for f in _facts_of(location) if f != DISTRICT)
    return (
        Step(LOCATION, _("Where is the enterprise registered?"), (DISTRICT,), location),
        Step(SETTLEMENT, _("Settling in the district"), settling, location),
        Step(
            GATES,
            _("Which of these apply to the enterprise?"),
            gated_topics=tuple(t for t in others if t.gate_question),
        ),
        # A topic's title is marked where the topic is defined; translated here, on
        # each page in the visitor's language.
        *(Step(t.slug, _(t.title), _facts_of(t), t) for t in others),
        Step(CHECK, _("Check your answers")),
    )


STEPS: tuple[Step, ...] = _steps()
STEP_OF_FACT: Mapping[str, str] = {f: s.name for s in STEPS for f in s.facts}


def _none_value(fact_type: FactType) -> object:
    """What a gate answered "no" says of a fact: zero of a quantity, "no", nothing."""
    if fact_type is FactType.BOOLEAN:
        return False
    if fact_type is FactType.CHOICES:
        return frozenset()
    return Decimal(0)


@dataclass
class PlannedStep:
    """A step the enterprise sees now, with the form built for it.

    ``form`` is bound to the stored answers when there are any; ``answered`` is true
    when they are valid for the questions the step asks now.
    """

    step: Step
    form_class: type[forms.Form]
    form_kwargs: dict[str, object]
    form: forms.Form | None = None

    @property
    def name(self) -> str:
        return self.step.name

    @property
    def answered(self) -> bool:
        return self.form is not None and self.form.is_valid()


@dataclass
class Plan:
    """The steps to show, in order, and the profile their valid answers make."""

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
        if name in self.names:
            return name
        return GATES if GATES in self.names else None


def build_plan(
    policies: Sequence[PolicyRule], stored: Mapping[str, Mapping[str, list[str]]]
) -> Plan:
    """Walk the steps in order over the stored answers (step name -> raw form data).

    Each step's questions depend only on the answers of the steps before it, so the
    plan is the same whichever page it is built for.
    """
    plan = Plan()
    needed = _Needed(relevance_of(policies))
    for step in STEPS:
        planned = _plan_step(step, plan, needed(plan.profile))
        if planned is None:
            continue
        raw = stored.get(step.name)
        if raw is not None:
            planned.form = planned.form_class(
                data=MultiValueDict(raw), **planned.form_kwargs
            )
        plan.steps.append(planned)
        if planned.answered:
            _take_answers(plan, step, planned.form)
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
    if step.topic.gate_question and plan.gates.get(step.topic.slug) != YES:
        return None
    facts = (
        step.facts if step.name == LOCATION else [f for f in step.facts if f in needed]
    )
    return PlannedStep(step, FactForm, {"facts": facts}) if facts else None


def _take_answers(plan: Plan, step: Step, form: forms.Form) -> None:
    if step.name == GATES:
        plan.gates.update(form.answers())
        for topic in step.gated_topics:
            if plan.gates.get(topic.slug) == NO:
                plan.profile.update(_answered_none(topic))
    elif isinstance(form, FactForm):
        plan.profile.update(form.facts())


def _answered_none(topic: Topic) -> dict[str, object]:
    return {f.name: _none_value(f.type) for f in INPUT_FACTS if f.topic == topic.slug}


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
    """``Relevance.needed`` for successive profiles, recomputed only on a change."""

    def __init__(self, relevance: Relevance) -> None:
        self.relevance = relevance
        self.seen: dict[str, object] | None = None
        self.facts: frozenset[str] = frozenset()

    def __call__(self, profile: Mapping[str, object]) -> frozenset[str]:
        if profile != self.seen:
            self.seen = dict(profile)
            self.facts = self.relevance.needed(derive(profile))
        return self.facts
