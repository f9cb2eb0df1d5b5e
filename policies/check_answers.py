"""The enterprise's answers read back: on "Check your answers" with a Change link
per answer, and on the results page and its printout as the profile assessed.

Each answer is listed under the question that asked it. Money is shown in the
page's wording and, in English, in words too ("CNY 30,000,000 (CNY 30 million)"),
so a slipped zero shows before the results are worked out; a count of years since
settling is shown as the year asked. Only what the visitor said is listed: a gate
answered "no" reads "No", never as the zeros it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language, gettext

from .check_fields import gate_question, question, this_year
from .forms import GateForm
from .money import cny_in_words
from .rules.facts import CATALOGUE, INPUT_FACTS, TOPICS, FactType
from .rules.formatting import fact_value, money
from .wizard_flow import CHECK, Plan, none_answers


@dataclass(frozen=True)
class Answer:
    """One answer: what was asked, what was said, and where to change it."""

    key: str
    question: str
    value: str
    words: str = ""
    change_url: str = ""


@dataclass
class Section:
    """The answers of one page or topic; ``key`` names it in the page's anchors."""

    key: str
    title: str
    answers: list[Answer] = field(default_factory=list)


def show(name: str, value: object) -> tuple[str, str]:
    """``value`` of fact ``name`` for a reader, and money in words when that helps."""
    if value is None:
        return gettext("I don’t know"), ""
    if isinstance(value, bool):
        return (gettext("Yes") if value else gettext("No")), ""
    fact = CATALOGUE[name]
    if fact.asked_as_year:
        return str(this_year() - int(value)), ""
    text = fact_value(name, value)
    if fact.type is FactType.MONEY:
        words = cny_in_words(Decimal(value), get_language() or "en")
        if words != money(value):
            return text, words
    return text, ""


def check_sections(plan: Plan, change_url: Callable[[str, str], str]) -> list[Section]:
    """Every answered step's answers, "I don't know" included, in the order asked.

    ``change_url(step, field_id)`` gives the link back to the question.
    """
    sections = []
    for planned in plan.steps:
        if planned.name == CHECK or not planned.answered:
            continue
        form = planned.form
        section = Section(planned.name, gettext(planned.step.title))
        for name in planned.asked:
            bound = form[name]
            if isinstance(form, GateForm):
                text, words = (
                    dict(form.fields[name].choices)[form.cleaned_data[name]],
                    "",
                )
            else:
                text, words = show(name, form.fact(name))
            url = change_url(planned.name, bound.auto_id)
            section.answers.append(Answer(name, bound.label, text, words, url))
        sections.append(section)
    return sections


def profile_sections(profile: Mapping[str, object]) -> list[Section]:
    """The facts assessed, by topic in catalogue order (no links: a printout or a
    shared link has no session to change). A gated topic whose facts are all none
    was answered "no" at its gate, and reads so."""
    sections = {t.slug: Section(t.slug, gettext(t.title)) for t in TOPICS}
    declined = {
        topic.slug
        for topic in TOPICS
        if topic.gate_question
        and all(profile.get(k, ...) == v for k, v in none_answers(topic).items())
    }
    for topic in TOPICS:
        if topic.slug in declined:
            no = Answer(f"gate_{topic.slug}", gate_question(topic), gettext("No"))
            sections[topic.slug].answers.append(no)
    for fact in INPUT_FACTS:
        if fact.name in profile and fact.topic not in declined:
            text, words = show(fact.name, profile[fact.name])
            answer = Answer(fact.name, question(fact), text, words)
            sections[fact.topic].answers.append(answer)
    return [section for section in sections.values() if section.answers]
