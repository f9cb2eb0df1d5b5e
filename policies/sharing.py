"""Share links: the answers travel in the link, encrypted and signed, never stored.

A results page can be reopened, bookmarked or sent to a colleague without the
portal keeping an enterprise's figures. The link carries the profile as a Fernet
token (AES with an HMAC and a timestamp), so revenue and the like cannot be read
from server logs or browser history, and a changed token is refused. The key is
derived from ``SECRET_KEY`` with a salt of its own, so no other use of the secret
can produce or read these tokens.
"""

from __future__ import annotations

import base64
import datetime
import json
import time
import zlib
from collections.abc import Mapping
from decimal import Decimal

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .rules.profile import ProfileError, parse

TTL_SECONDS = 90 * 24 * 60 * 60
SALT = b"policies.sharing.results-link"
INFO = b"fernet key for shared eligibility answers"


class LinkInvalid(Exception):
    """The token was altered, cut short or made with another key."""


class LinkExpired(Exception):
    """The token is genuine but older than ``TTL_SECONDS``."""


def _fernet() -> Fernet:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=INFO)
    key = hkdf.derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot share a {type(value).__name__}")


def encode(profile: Mapping[str, object], *, now: float | None = None) -> str:
    """A URL-safe token carrying ``profile`` (typed facts, as the engine reads them),
    stamped with the time it was made (``now``, or the present)."""
    text = json.dumps(dict(profile), default=_jsonable, sort_keys=True)
    made = int(time.time() if now is None else now)
    return _fernet().encrypt_at_time(zlib.compress(text.encode()), made).decode("ascii")


def decode(token: str, *, now: float | None = None) -> dict[str, object]:
    """The profile a token carries, typed again; raises ``LinkInvalid`` or
    ``LinkExpired``.

    The signature is checked before the age, so an altered token is always
    "invalid" and only a genuine old one "expired".
    """
    fernet = _fernet()
    try:
        payload = fernet.decrypt(token.encode("ascii"))
        made = fernet.extract_timestamp(token.encode("ascii"))
        raw = json.loads(zlib.decompress(payload), parse_float=Decimal)
        profile = parse(raw)
    except (InvalidToken, UnicodeError, ValueError, zlib.error, ProfileError) as error:
        raise LinkInvalid from error
    if (time.time() if now is None else now) - made > TTL_SECONDS:
        raise LinkExpired
    return profile


def made_at(token: str) -> datetime.datetime:
    """When a token ``decode`` accepted was made: results reopened from it say
    whether the rules changed since."""
    made = _fernet().extract_timestamp(token.encode("ascii"))
    return datetime.datetime.fromtimestamp(made, tz=datetime.UTC)
