"""The sections of the publish confirmation: what the draft changes, read before it
goes live.

Each section is a template and a function that gives its context (``None`` leaves
the section out). The page includes them in order inside the publish form, so a
section may add a field the publisher has to fill in. To add a section, append a
``ReviewSection`` to ``SECTIONS`` and write its template under
``admin/policies/policy/publish/``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from policies.case_changes import case_changes
from policies.models import Policy
from policies.population.publish_section import impact_section
from policies.text_checks import text_contradictions
from policies.version_diff import content_changes, rules_changes


@dataclass(frozen=True)
class ReviewSection:
    template: str
    context: Callable[..., dict | None]
    # The context also takes the request: who is asking, and what they chose.
    reads_request: bool = False


def _figures(draft: Policy, current: Policy | None) -> dict | None:
    found = text_contradictions(draft)
    return {"contradictions": found} if found else None


def _content(draft: Policy, current: Policy | None) -> dict:
    return {"changes": content_changes(current, draft), "current": current}


def _rules(draft: Policy, current: Policy | None) -> dict:
    rows = rules_changes(current, draft)
    return {"rows": rows, "changed": any(row.changed for row in rows)}


def _cases(draft: Policy, current: Policy | None) -> dict:
    changes = case_changes(draft)
    return {"changes": changes, "broken": [c for c in changes if c.breaks]}


SECTIONS: list[ReviewSection] = [
    ReviewSection("admin/policies/policy/publish/figures.html", _figures),
    ReviewSection("admin/policies/policy/publish/content.html", _content),
    ReviewSection("admin/policies/policy/publish/rules.html", _rules),
    ReviewSection("admin/policies/policy/publish/cases.html", _cases),
    ReviewSection(
        "admin/policies/policy/publish/impact.html", impact_section, reads_request=True
    ),
]


def review_sections(
    draft: Policy, current: Policy | None, request: HttpRequest | None = None
) -> list[dict]:
    """Each section's template with its context, for the confirmation page."""
    sections = []
    for section in SECTIONS:
        extra = (request,) if section.reads_request else ()
        context = section.context(draft, current, *extra)
        if context is not None:
            sections.append({"template": section.template, **context})
    return sections
