"""Writes that change what the public sees: versions of a policy and their review.

A published policy is never edited in place. Staff copy it into a draft, change the
draft, and publish it, which archives the version it replaces; an archived version
can be restored as a new draft. Each function records who acted in the history.
"""

from collections.abc import Collection

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .case_changes import case_changes
from .models import Policy, WorkedCase
from .rule_checks import policy_rule_check
from .status import beijing_today

State = Policy.State
_MOVED_MEANWHILE = {
    State.DRAFT: gettext_lazy("%(code)s v%(version)s is a draft now; reload the page."),
    State.PUBLISHED: gettext_lazy(
        "Someone published %(code)s v%(version)s a moment ago; reload the page."
    ),
    State.ARCHIVED: gettext_lazy(
        "Someone archived %(code)s v%(version)s a moment ago; reload the page."
    ),
}


def policy_create_draft(*, policy: Policy, user: AbstractBaseUser | None) -> Policy:
    """Copy ``policy`` (with its routes, criteria and contacts) into a new draft
    version, or refuse when the code already has a draft."""
    if policy.state == State.DRAFT:
        raise ValidationError(_("This version is a draft already; edit it."))
    return _copy_as_draft(policy, user)


def policy_restore(*, archived: Policy, user: AbstractBaseUser | None) -> Policy:
    """Bring an archived version back as a new draft, ready to check and publish."""
    if archived.state != State.ARCHIVED:
        raise ValidationError(_("Only an archived version can be restored."))
    return _copy_as_draft(archived, user)


@transaction.atomic
def policy_publish(*, draft: Policy, user: AbstractBaseUser | None) -> Policy:
    """Publish ``draft``, archiving the version of the same code it replaces.

    Refused when the draft's rules have a problem, so a broken rule never reaches
    the public check.
    """
    draft = _lock(draft, State.DRAFT)
    check = policy_rule_check(draft)
    if check.errors:
        raise ValidationError(check.errors)
    replaced = Policy.objects.select_for_update().filter(
        code=draft.code, state=State.PUBLISHED
    )
    for current in replaced:
        current.state = State.ARCHIVED
        _save(current, user)
    draft.state = State.PUBLISHED
    draft.published_at = timezone.now()
    _save(draft, user)
    return draft


@transaction.atomic
def policy_archive(*, policy: Policy, user: AbstractBaseUser | None) -> Policy:
    """Withdraw a published version without a replacement: the public no longer
    sees the policy at all."""
    policy = _lock(policy, State.PUBLISHED)
    policy.state = State.ARCHIVED
    _save(policy, user)
    return policy


def policy_record_review(*, policy: Policy, user: AbstractBaseUser | None) -> Policy:
    """Record that staff checked ``policy`` against its source today and found it
    current: the one change allowed to a published version, as it alters no content."""
    if policy.state == State.ARCHIVED:
        raise ValidationError(_("An archived version is not reviewed."))
    policy.last_reviewed = beijing_today()
    _save(policy, user)
    return policy


@transaction.atomic
def _copy_as_draft(source: Policy, user: AbstractBaseUser | None) -> Policy:
    versions = Policy.objects.select_for_update().filter(code=source.code)
    existing = versions.filter(state=State.DRAFT).first()
    if existing is not None:
        raise ValidationError(
            _(
                "%(code)s already has a draft (version %(version)s): edit that one, "
                "or delete it first."
            )
            % {"code": existing.code, "version": existing.version}
        )
    draft = Policy.objects.get(pk=source.pk)
    draft.pk = None
    draft._state.adding = True
    draft.version = versions.aggregate(latest=Max("version"))["latest"] + 1
    draft.state = State.DRAFT
    draft.based_on = source
    draft.created_by = user
    draft.published_at = None
    _save(draft, user)
    draft.contacts.set(source.contacts.all())
    routes = {}
    for route in source.routes.all():
        original = route.pk
        route.pk = None
        route._state.adding = True
        route.policy = draft
        _save(route, user)
        routes[original] = route
    for criterion in source.criteria.all():
        criterion.pk = None
        criterion._state.adding = True
        criterion.policy = draft
        criterion.route = routes.get(criterion.route_id)
        _save(criterion, user)
    return draft


def moved_meanwhile(policy: Policy) -> str:
    """What to tell staff who act on ``policy`` from a page opened before someone
    else published, archived or drafted it."""
    return _MOVED_MEANWHILE[policy.state] % {
        "code": policy.code,
        "version": policy.version,
    }


def _lock(policy: Policy, state: str) -> Policy:
    """``policy`` as stored now, locked until the transaction ends, provided it is
    still in ``state``: another member of staff may have moved or deleted it since
    this one opened the page, and must be told so rather than meet an error."""
    locked = Policy.objects.select_for_update().filter(pk=policy.pk).first()
    if locked is None:
        raise ValidationError(
            _("Someone deleted %(code)s v%(version)s a moment ago; reload the page.")
            % {"code": policy.code, "version": policy.version}
        )
    if locked.state != state:
        raise ValidationError(moved_meanwhile(locked))
    return locked


def _save(instance: Model, user: AbstractBaseUser | None) -> None:
    """Save, naming ``user`` in the history even outside a request."""
    if user is not None:
        instance._history_user = user
    instance.save()


@transaction.atomic
def policy_publish_reviewed(
    *, draft: Policy, user: AbstractBaseUser | None, accepted: Collection[int] = ()
) -> tuple[Policy, list[WorkedCase]]:
    """Publish ``draft`` after its review: every worked case the draft breaks must
    be in ``accepted`` (the publisher ticked that the change is intended), and each
    such case then expects its new outcome, in the same transaction as the publish,
    so a case never silently disagrees with the published rules. Returns the
    published version and the cases updated."""
    draft = _lock(draft, State.DRAFT)
    cases = WorkedCase.objects.select_for_update()
    broken = [change for change in case_changes(draft, cases) if change.breaks]
    unaccepted = [
        change.case.name for change in broken if change.case.pk not in accepted
    ]
    if unaccepted:
        raise ValidationError(
            _(
                "Publishing would change the outcome of worked cases that nobody "
                "accepted: %(cases)s. Review the changes and tick that they are "
                "intended."
            )
            % {"cases": ", ".join(unaccepted)}
        )
    published = policy_publish(draft=draft, user=user)
    for change in broken:
        change.case.expected = change.expected_after
        _save(change.case, user)
    return published, [change.case for change in broken]
