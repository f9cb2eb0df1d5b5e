"""The eligibility check: a page per question group, "Check your answers", results.

``CheckWizard`` keeps the answers in the session through django-formtools and gives
each step its own address, so the back button and reloading work. Which steps and
questions appear is decided by ``wizard_flow`` from the rules; this module only
moves between pages. The address, not a hidden field, names the step being
answered, so a tampered or missing management form, an unknown step or a step
opened out of turn leads back to the first question still unanswered, with no
answer lost. Reading a page never creates a session: one is made when the first
answer is posted (``check_storage``), so crawlers and passers-by leave no rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from formtools.wizard.views import NamedUrlSessionWizardView

from . import selectors, sharing
from .addresses import absolute_url
from .check_answers import check_sections, profile_sections
from .check_results import AnswerLink, build_results
from .forms import CheckForm, FactForm
from .qr import qr_data_uri
from .rules.engine import RuleSet, assess
from .rules.facts import CATALOGUE, TOPIC_BY_SLUG
from .rules.formatting import percent
from .rules_date import rules_took_effect
from .status import beijing_today
from .wizard_flow import CHECK, LOCATION, STEPS, Plan, PlannedStep, build_plan

URL_NAME = "policies:check_step"
RESULTS = "results"
RESTART = "start-again"
CHANGE = "change"
DAY = 24 * 60 * 60


def _privacy() -> dict[str, int]:
    """How long answers live: in the session, and in a share link."""
    return {
        "session_days": settings.SESSION_COOKIE_AGE // DAY,
        "share_days": sharing.TTL_SECONDS // DAY,
    }


def _results_context(
    request: HttpRequest,
    profile: Mapping[str, object],
    rule_set: RuleSet,
    answer_link: AnswerLink,
) -> dict[str, object]:
    """What both results pages show: the assessment sorted, the answers, the date
    and the date the rules took effect, and a share link that carries the answers."""
    assessment, today = assess(profile, rule_set), beijing_today()
    token = sharing.encode(profile)
    share_url = absolute_url(reverse("policies:check_shared", kwargs={"token": token}))
    return {
        "results": build_results(
            assessment, selectors.assessable_policies_by_code(), answer_link
        ),
        "answers": profile_sections(profile),
        "checked_on": today,
        "rules_took_effect": rules_took_effect(),
        "share_url": share_url,
        "share_qr": qr_data_uri(share_url),
        # The printout leads back through the share link's QR code: this page's
        # own address opens nothing for anyone else, so it is not printed.
        "page_url": None,
        "share_until": today + timedelta(seconds=sharing.TTL_SECONDS),
        "share_token": token,
        "near_miss_margin": percent(selectors.near_miss_margin() * 100),
        **_privacy(),
    }


def heading(planned: PlannedStep, form: CheckForm) -> str:
    """The page's title or, where a page of several topics asks one of them only
    now, that topic's title (so it never promises questions it does not ask)."""
    topics = {section for section, _fields in form.sections if section}
    if isinstance(form, FactForm) and len(planned.step.topics) > 1 and not topics:
        slug = CATALOGUE[next(iter(form.fields))].topic
        return gettext(TOPIC_BY_SLUG[slug].title)
    return str(planned.step.title)


class CheckWizard(NamedUrlSessionWizardView):
    """The check's pages. Forms come from the plan; formtools keeps the answers."""

    form_list = [(step.name, CheckForm) for step in STEPS]
    template_name = "check/step.html"
    storage_name = "policies.check_storage.AnswerStorage"

    def get_prefix(self, request: HttpRequest, *args, **kwargs) -> str:
        return "check"

    def get_form_prefix(self, step: str | None = None, form=None) -> None:
        """No prefix: fields carry the profile's fact names (each is asked once)."""
        return None

    def plan(self) -> Plan:
        """The steps and questions for the answers stored now, once per change."""
        if getattr(self, "_plan", None) is None:
            self._plan = build_plan(self.rule_set().policies, self.stored_answers())
        return self._plan

    def rule_set(self) -> RuleSet:
        """The compiled rules, looked up once per request."""
        if getattr(self, "_rule_set", None) is None:
            self._rule_set = selectors.rule_set()
        return self._rule_set

    def stored_answers(self) -> dict[str, dict[str, list[str]]]:
        """Each step's raw answers as kept in the session by formtools."""
        return self.storage.data[self.storage.step_data_key]

    def get_form_list(self) -> OrderedDict:
        return OrderedDict((s.name, s.form_class) for s in self.plan().steps)

    def get_form_kwargs(self, step: str | None = None) -> dict:
        """The plan's form for the step, told which of its questions follow up
        earlier ones, and to query unlikely figures when they are being posted."""
        planned = self.plan().get(step or self.steps.current)
        kwargs = dict(planned.form_kwargs)
        if planned.form_class is FactForm:
            kwargs["follow_ups"] = self.plan().follow_ups(planned.name)
            kwargs["check_figures"] = self.request.method == "POST"
        return kwargs

    def step_url(self, step: str, *, change: bool = False) -> str:
        url = self.get_step_url(step)
        return f"{url}?{urlencode({CHANGE: 1})}" if change else url

    def resume(self) -> HttpResponseRedirect:
        """To the first question still unanswered, or to "Check your answers"."""
        return redirect(self.step_url(self.plan().first_unanswered() or CHECK))

    @property
    def changing(self) -> bool:
        return CHANGE in self.request.GET

    def get(self, request: HttpRequest, *args, step: str | None = None, **kwargs):
        plan = self.plan()
        if step == RESULTS:
            return self.results()
        if step not in plan.names:
            return self.resume()
        gap = plan.first_unanswered(before=step)
        if gap is not None:
            return redirect(self.step_url(gap))
        self.storage.current_step = step
        form = self.get_form(step)
        form.show_answers(self.storage.get_step_data(step))
        return self.render(form)

    def post(self, request: HttpRequest, *args, step: str | None = None, **kwargs):
        if step == RESTART:
            self.storage.reset()
            return redirect(self.step_url(LOCATION))
        plan = self.plan()
        if step not in plan.names:
            return self.resume()
        if step == CHECK:
            return (
                self.resume() if not plan.complete else redirect(self.step_url(RESULTS))
            )
        if not self.stored_answers() and step != LOCATION:
            messages.info(
                request,
                gettext(
                    "We could not find your earlier answers: they may have expired. "
                    "Your answers on this page are kept; please answer the others "
                    "again."
                ),
            )
        self.storage.current_step = step
        form = self.get_form(step, data=request.POST)
        if not form.is_valid():
            return self.render(form)
        self.storage.set_step_data(step, form.raw_answers())
        self._plan = None
        return redirect(self.after(step))

    def after(self, step: str) -> str:
        """Where a valid answer leads: the next step or, when changing an answer,
        back to "Check your answers" through any question the change opened."""
        plan = self.plan()
        if self.changing:
            gap = plan.first_unanswered()
            if gap is None:
                return f"{self.step_url(CHECK)}#answers-{step}"
            return self.step_url(gap, change=True)
        names = plan.names
        return self.step_url(names[names.index(step) + 1])

    def back_url(self, step: str) -> str | None:
        """Back to "Check your answers" while changing an answer, else a step back."""
        if self.changing:
            return self.step_url(CHECK)
        names = self.plan().names
        index = names.index(step)
        return self.step_url(names[index - 1]) if index else None

    def get_context_data(self, form, **kwargs) -> dict:
        context = super().get_context_data(form=form, **kwargs)
        plan, step = self.plan(), self.steps.current
        planned = plan.get(step)
        context.update(
            step=planned.step,
            step_title=heading(planned, form),
            back_url=self.back_url(step),
        )
        if step == CHECK:
            context["sections"] = check_sections(
                plan,
                lambda name, anchor: f"{self.step_url(name, change=True)}#{anchor}",
            )
        return context

    def results(self) -> HttpResponse:
        plan = self.plan()
        if not plan.complete:
            return self.resume()

        def answer_link(fact: str) -> str | None:
            step = plan.step_for_fact(fact)
            return self.step_url(step, change=True) if step else None

        context = _results_context(
            self.request, plan.profile, self.rule_set(), answer_link
        )
        return render(self.request, "check/results.html", {**context, "shared": False})


# Pages holding an enterprise's figures are never kept by browsers or proxies.
check_wizard = never_cache(
    CheckWizard.as_view(url_name=URL_NAME, done_step_name=RESULTS)
)


def start(request: HttpRequest) -> HttpResponse:
    """The start page: what the check does, how long it takes, what is kept."""
    return render(request, "check/start.html", {"first_step": LOCATION, **_privacy()})


def _link_problem(request: HttpRequest, *, expired: bool, status: int) -> HttpResponse:
    context = {"expired": expired, **_privacy()}
    return render(request, "check/link_problem.html", context, status=status)


@never_cache
def shared_results(request: HttpRequest, token: str) -> HttpResponse:
    """Results reopened from a share link: the answers come from the link alone."""
    try:
        profile = sharing.decode(token)
    except sharing.LinkExpired:
        return _link_problem(request, expired=True, status=410)
    except sharing.LinkInvalid:
        return _link_problem(request, expired=False, status=400)
    context = _results_context(
        request, profile, selectors.rule_set(), lambda fact: None
    )
    took_effect = context["rules_took_effect"]
    changed = took_effect is not None and took_effect > sharing.made_at(token)
    context.update(shared=True, rules_changed_since_shared=changed)
    return render(request, "check/results.html", context)
