"""The two emails alerts send, each as plain text with an HTML alternative: the
confirmation (double opt-in) and the alert saying what changed.

Every alert carries a one-click unsubscribe (``List-Unsubscribe`` with
``List-Unsubscribe-Post``, RFC 8058) and, in its text, the links to stop alerts and
to see or delete what is kept; none of them needs a login.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext

from ..addresses import absolute_url
from ..models import Policy
from ..models.alerts import CONFIRM_WITHIN, Subscription
from ..rules.amounts import Amount
from ..status import ApplicationStatus
from ..templatetags.check_format import amount_text
from .results import Change, Summary
from .tokens import manage_token


def manage_urls(subscription: Subscription) -> dict[str, str]:
    token = manage_token(subscription)
    return {
        "unsubscribe_url": absolute_url(
            reverse("policies:alerts_unsubscribe", kwargs={"token": token})
        ),
        "data_url": absolute_url(
            reverse("policies:alerts_data", kwargs={"token": token})
        ),
        "about_url": absolute_url(reverse("policies:alerts")),
    }


def _message(
    name: str,
    context: Mapping[str, object],
    to: str,
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    context = {"portal_name": settings.PORTAL_NAME, **context}
    subject = render_to_string(f"alerts/email/{name}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"alerts/email/{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=dict(headers or {}),
    )
    message.attach_alternative(
        render_to_string(f"alerts/email/{name}.html", context), "text/html"
    )
    return message


def confirmation(
    subscription: Subscription, *, confirm_url: str, about_url: str
) -> EmailMultiAlternatives:
    """The double opt-in email; its addresses come from the request it answers."""
    context = {
        "confirm_url": confirm_url,
        "days": CONFIRM_WITHIN.days,
        "about_url": about_url,
    }
    return _message("confirm", context, subscription.email)


def window_text(policy: Policy) -> str:
    """When the policy takes applications, in a sentence, as of today in Beijing."""
    status = policy.application_status
    opens = (
        formats.date_format(policy.application_opens)
        if policy.application_opens
        else ""
    )
    closes = (
        formats.date_format(policy.application_closes)
        if policy.application_closes
        else ""
    )
    if status is ApplicationStatus.OPEN:
        if closes:
            return gettext("Applications are open until %(date)s.") % {"date": closes}
        return gettext("Applications have been open since %(date)s.") % {"date": opens}
    if status is ApplicationStatus.UPCOMING:
        return gettext("Applications open on %(date)s.") % {"date": opens}
    if status is ApplicationStatus.ROLLING:
        return gettext("Applications are accepted at any time.")
    if status is ApplicationStatus.CLOSED:
        return gettext("Applications are closed.")
    return gettext("No application window announced yet: ask the issuing agency.")


@dataclass(frozen=True)
class AlertItem:
    code: str
    title: str
    url: str
    amount: str = ""
    window: str = ""


def _amount(value: list[int] | None) -> Amount | None:
    return None if value is None else Amount(*value)


def _estimate(value: list[int] | None) -> str:
    amount = _amount(value)
    return amount_text(amount) if amount else gettext("no estimate of money")


def alert(
    subscription: Subscription,
    what: Change,
    after: Summary,
    policies: Mapping[str, Policy],
    links: Mapping[str, str],
    district: str,
) -> EmailMultiAlternatives:
    """The alert for one subscription: what changed, and where to read more.

    ``policies`` maps the codes named to their published policy; ``links`` holds
    the absolute addresses of the results and the comparison on these answers;
    ``district`` names the enterprise's district, to tell subscriptions apart.
    """

    def item(code: str, *, amount: bool = False, window: bool = False) -> AlertItem:
        policy = policies.get(code)
        money = _amount(after["eligible"].get(code)) if amount else None
        return AlertItem(
            code=code,
            title=policy.title if policy else "",
            url=absolute_url(policy.get_absolute_url()) if policy else "",
            amount=amount_text(money)
            if money
            else (policy.headline_benefit if amount and policy else ""),
            window=window_text(policy) if window and policy else "",
        )

    urls = manage_urls(subscription)
    context = {
        "gained": [item(c, amount=True, window=True) for c in what.gained],
        "lost": [item(c) for c in what.lost],
        "new_windows": [item(c, window=True) for c in what.new_windows],
        "estimate_changed": what.estimate_changed,
        "estimate_before": _estimate(what.estimate_before),
        "estimate_after": _estimate(what.estimate_after),
        "subscribed_on": subscription.created_at,
        "district": district,
        **links,
        **urls,
    }
    headers = {
        "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return _message("alert", context, subscription.email, headers)
