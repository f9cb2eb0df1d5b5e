"""The signed links in alert emails: confirm (works for 7 days) and manage (stop
alerts, see or delete what is kept; works for as long as the subscription lasts).

Each kind has a salt of its own, so a manage link cannot be turned into a
confirmation link and no other use of ``SECRET_KEY`` can make either.
"""

from __future__ import annotations

import uuid

from django.core import signing

from ..models.alerts import CONFIRM_WITHIN, Subscription

CONFIRM_SALT = "policies.alerts.confirm"
MANAGE_SALT = "policies.alerts.manage"


class LinkInvalid(Exception):
    """The link was altered, cut short or signed with another key."""


class LinkExpired(Exception):
    """The confirmation link is genuine but older than a week."""


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscription.token.hex)


def manage_token(subscription: Subscription) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(subscription.token.hex)


def _token(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=value)
    except ValueError as error:
        raise LinkInvalid from error


def read_confirm_token(value: str) -> uuid.UUID:
    """The subscription's token, or ``LinkInvalid`` / ``LinkExpired``; the signature
    is checked before the age, so only a genuine old link is "expired"."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        return _token(signer.unsign(value, max_age=CONFIRM_WITHIN))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def read_manage_token(value: str) -> uuid.UUID:
    try:
        return _token(signing.Signer(salt=MANAGE_SALT).unsign(value))
    except signing.BadSignature as error:
        raise LinkInvalid from error
