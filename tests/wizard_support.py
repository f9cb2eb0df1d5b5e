"""Helpers for the eligibility check's tests: answering a profile through the pages.

A profile (as in ``examples.json``) is turned into the answers a person would give:
"yes" / "no" for yes/no facts, figures as typed text (in 万元 on a Chinese page), a
year for a count of years since an event, "I don't know" for anything the profile
leaves out, and each gate answered from the facts of its topic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.test import Client
from django.urls import reverse

from policies.check_fields import this_year
from policies.forms import UNKNOWN, YES
from policies.rules.facts import CATALOGUE, INPUT_FACTS, TOPICS, FactType
from policies.wizard_flow import CHECK, LOCATION

FACTS_OF_TOPIC = {
    t.slug: [f.name for f in INPUT_FACTS if f.topic == t.slug] for t in TOPICS
}
MAX_PAGES = 20


@pytest.fixture
def guide(db):
    """The guide's content and rules, as the portal ships them."""
    call_command("loaddata", "content", "rules", verbosity=0)


def step_url(step: str, **query: str) -> str:
    url = reverse("policies:check_step", kwargs={"step": step})
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def gate_answer(topic: str, profile: Mapping[str, object]) -> str:
    """Yes when the profile gives the topic something, no when it gives only zeros
    and "no"s, "I don't know" when it says nothing about it (or, where the gate only
    offers to include something, yes with its figures left blank)."""
    given = [profile[f] for f in FACTS_OF_TOPIC[topic] if f in profile]
    if not given:
        choice = next(t for t in TOPICS if t.slug == topic).gate_is_choice
        return YES if choice else UNKNOWN
    return "yes" if any(given) else "no"


def in_wan(value: object) -> str:
    """An amount of yuan as a Chinese finance manager types it in a 万元 box."""
    wan = Decimal(str(value)) / 10_000
    return f"{wan:f}".rstrip("0").rstrip(".") if "." in f"{wan:f}" else f"{wan:f}"


def answer(name: str, value: object, language: str = "en") -> str | list[str]:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return value
    fact = CATALOGUE[name]
    if fact.asked_as_year:
        return str(this_year() - int(value))
    if fact.type is FactType.MONEY and language.startswith("zh"):
        return in_wan(value)
    return str(value)


def page_answers(
    form, profile: Mapping[str, object], language: str = "en"
) -> dict[str, object]:
    """What a person holding ``profile`` enters on the page of ``form``."""
    data: dict[str, object] = {}
    for name, form_field in form.fields.items():
        if name.startswith("gate_"):
            data[name] = gate_answer(name.removeprefix("gate_"), profile)
        elif name in profile:
            data[name] = answer(name, profile[name], language)
        elif isinstance(form_field.widget, CheckboxSelectMultiple):
            continue  # nothing ticked: not known
        elif isinstance(form_field.widget, RadioSelect):
            data[name] = "unknown"
        else:
            data[name] = ""
    return data


@dataclass
class Walk:
    """The pages a check went through and the results page it ended on."""

    pages: list[str] = field(default_factory=list)
    results: object = None

    @property
    def html(self) -> str:
        return self.results.content.decode()


def walk(client: Client, profile: Mapping[str, object]) -> Walk:
    """Answer every page from ``profile`` as its language asks (in 万元 on a
    Chinese page), then ask for the results."""
    done = Walk()
    url = step_url(LOCATION)
    while len(done.pages) < MAX_PAGES:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        step = response.context["step"].name
        done.pages.append(step)
        form, language = response.context["form"], response.wsgi_request.LANGUAGE_CODE
        data = {} if step == CHECK else page_answers(form, profile, language)
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.context["form"].errors)
        url = response["Location"]
        if step == CHECK:
            done.results = client.get(url)
            return done
    raise AssertionError(f"no end after {done.pages}")
