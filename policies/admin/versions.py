"""The buttons that move a policy between versions: create a draft, publish, archive,
restore as a draft, and record a review. Each asks for confirmation on its own page
and then calls one service, so the rules of versioning live in ``services``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from policies import services
from policies.models import Policy
from policies.rule_checks import policy_rule_check

from .publish_review import review_sections

State = Policy.State
PUBLISH = "policies.publish_policy"
COPYING = ("create-draft", "restore")  # moves that make a new draft
SIMULTANEOUS = _(
    "Someone else changed %(code)s at the same moment; reload the page to see it, "
    "then try again if it is still needed."
)


ACCEPT_CASE = "accept_case"  # a ticked worked case whose change is intended


def _publish(policy: Policy, request: HttpRequest) -> Policy:
    """Publish with the worked cases the publisher ticked as intended changes, and
    say which cases now expect the new outcome."""
    ticked = request.POST.getlist(ACCEPT_CASE)
    published, updated = services.policy_publish_reviewed(
        draft=policy,
        user=request.user,
        accepted={int(pk) for pk in ticked if pk.isdigit()},
    )
    if updated:
        messages.info(
            request,
            _("These worked cases now expect the new outcome: %(cases)s")
            % {"cases": ", ".join(case.name for case in updated)},
        )
    return published


@dataclass(frozen=True)
class VersionAction:
    """One move between versions: when it is offered and what it does."""

    slug: str
    label: str
    explanation: str
    state: str
    permission: str
    perform: Callable[..., Policy]
    done: str


ACTIONS = {
    action.slug: action
    for action in (
        VersionAction(
            "create-draft",
            _("Create draft"),
            _(
                "A new draft version copies this one with its routes, criteria and "
                "contacts. The public keeps seeing this version until the draft is "
                "published."
            ),
            State.PUBLISHED,
            "policies.add_policy",
            lambda policy, request: services.policy_create_draft(
                policy=policy, user=request.user
            ),
            _("Draft created: change it, try it, then publish it."),
        ),
        VersionAction(
            "publish",
            _("Publish"),
            _(
                "The public pages, the check and the API will show this version at "
                "once; the version published now, if any, is archived."
            ),
            State.DRAFT,
            PUBLISH,
            _publish,
            _("Published: the public now sees this version."),
        ),
        VersionAction(
            "archive",
            _("Archive"),
            _(
                "The policy disappears from the public pages, the check and the API "
                "until another version is published."
            ),
            State.PUBLISHED,
            PUBLISH,
            lambda policy, request: services.policy_archive(
                policy=policy, user=request.user
            ),
            _("Archived: the public no longer sees this policy."),
        ),
        VersionAction(
            "restore",
            _("Restore as draft"),
            _("A new draft version copies this archived one, ready to publish."),
            State.ARCHIVED,
            "policies.add_policy",
            lambda policy, request: services.policy_restore(
                archived=policy, user=request.user
            ),
            _("Restored as a draft: check it, then publish it."),
        ),
        VersionAction(
            "record-review",
            _("Reviewed today"),
            _(
                "Records that this version was checked against its source today and "
                "is still current. Nothing else changes."
            ),
            State.PUBLISHED,
            "policies.change_policy",
            lambda policy, request: services.policy_record_review(
                policy=policy, user=request.user
            ),
            _("The review date is now today."),
        ),
    )
}


class PolicyVersionActions:
    """Mixed into the policy admin: the URLs, buttons and pages of version moves."""

    def get_urls(self) -> list:
        return [
            path(
                "<path:object_id>/version/<slug:action>/",
                self.admin_site.admin_view(self.version_action_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_version",
            ),
            *super().get_urls(),
        ]

    def version_actions(self, request: HttpRequest, policy: Policy) -> list[dict]:
        """The moves this user may make on ``policy`` now, with their URLs; where a
        draft of the code exists already, a link to it replaces making another."""
        draft = None
        if policy.state != State.DRAFT:
            draft = Policy.objects.filter(code=policy.code, state=State.DRAFT).first()
        buttons = []
        for action in ACTIONS.values():
            if not self._allowed(request, policy, action):
                continue
            if draft is not None and action.slug in COPYING:
                buttons.append(
                    {
                        "label": _("Open draft v%(version)s")
                        % {"version": draft.version},
                        "url": self._url("admin:policies_policy_change", draft.pk),
                    }
                )
                continue
            buttons.append(
                {
                    "label": action.label,
                    "url": self._url(
                        "admin:policies_policy_version", policy.pk, action.slug
                    ),
                }
            )
        return buttons

    def _url(self, name: str, *args: object) -> str:
        return reverse(name, args=args, current_app=self.admin_site.name)

    def version_action_view(
        self, request: HttpRequest, object_id: str, action: str
    ) -> HttpResponse:
        policy = self.get_object(request, unquote(object_id))
        move = ACTIONS.get(action)
        if policy is None or move is None:
            raise Http404
        if not request.user.has_perm(move.permission):
            raise PermissionDenied
        if policy.state != move.state:
            # A page opened before someone else moved this version on.
            messages.error(request, services.moved_meanwhile(policy))
            return HttpResponseRedirect(
                self._url("admin:policies_policy_change", policy.pk)
            )
        if request.method == "POST":
            return self._perform(request, policy, move)
        current = Policy.objects.published().filter(code=policy.code).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{move.label}: {policy.code} v{policy.version}",
            "policy": policy,
            "action": move,
            "current": current if current != policy else None,
            "check": None,
            "sections": [],
        }
        if move.slug == "publish":
            context["check"] = policy_rule_check(policy)
            context["sections"] = review_sections(policy, context["current"], request)
        return TemplateResponse(
            request, "admin/policies/policy/version_action.html", context
        )

    def _perform(
        self, request: HttpRequest, policy: Policy, move: VersionAction
    ) -> HttpResponse:
        try:
            result = move.perform(policy, request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            policy.refresh_from_db()
            if self._allowed(request, policy, move):
                return HttpResponseRedirect(request.path)
            result = policy
        except IntegrityError:
            # Two members of staff moved the same policy at once and the database
            # kept the versions consistent by refusing the second: a race, not an
            # outage, so say what happened on the page they came from.
            messages.error(request, SIMULTANEOUS % {"code": policy.code})
            result = policy
        else:
            messages.success(request, move.done)
        return HttpResponseRedirect(
            self._url("admin:policies_policy_change", result.pk)
        )

    @staticmethod
    def _allowed(request: HttpRequest, policy: Policy, action: VersionAction) -> bool:
        return policy.state == action.state and request.user.has_perm(action.permission)
