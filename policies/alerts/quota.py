"""The cap on confirmation emails: at most ``PER_DAY`` to one address in any 24
hours, however the address is spelt and however many requests race.

An address is counted by its normalised form, so the spellings one mailbox
answers to share one allowance: case, a ``+tag``, dots in the local part,
quoting (``"victim"@``) and the domain's Unicode or punycode form make no
difference. Dots and tags are dropped for every provider, not only Gmail: the
form is only a counting key, never where mail goes, and a provider that ignores
dots cannot be told by its name (any Google Workspace domain does). The cost
is that two different people whose addresses differ only so share one
allowance for a day, which errs on the side of the mailbox being bombed.

The key is a keyed hash of that form: the slots say nothing readable about an
address, and are deleted a day after their last use (``send_alerts``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from ..models.alerts import ConfirmationSlot

PER_DAY = 3
WINDOW = timedelta(days=1)
QUOTED = re.compile(r'^"(.*)"$', re.DOTALL)
ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def normalised(email: str) -> str:
    """The form of ``email`` that every spelling of one mailbox shares."""
    local, _at, domain = email.strip().rpartition("@")
    quoted = QUOTED.match(local)
    if quoted:
        local = ESCAPED.sub(r"\1", quoted.group(1))
    local = local.lower().split("+", 1)[0].replace(".", "")
    domain = domain.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):  # not a name IDNA can spell: as typed
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def address_key(email: str) -> str:
    """A keyed hash of the normalised address: equal for one mailbox, and
    unreadable without ``SECRET_KEY``."""
    secret = hashlib.sha256(b"policies.alerts.quota" + settings.SECRET_KEY.encode())
    return hmac.new(secret.digest(), normalised(email).encode(), "sha256").hexdigest()


def take_slot(key: str, now: datetime) -> bool:
    """Use one of the address's daily slots, if one is free; atomic.

    A free slot is one never used (the insert succeeds) or last used a day ago
    or more (the conditional update matches). On PostgreSQL a racing worker
    waits for the other's row and finds it taken; the unique constraint turns
    a racing insert into an error. Either way each slot goes to one sender.
    """
    for slot in range(PER_DAY):
        reused = ConfirmationSlot.objects.filter(
            address_key=key, slot=slot, used_at__lte=now - WINDOW
        ).update(used_at=now)
        if reused:
            return True
        try:
            with transaction.atomic():
                ConfirmationSlot.objects.create(address_key=key, slot=slot, used_at=now)
        except IntegrityError:
            continue
        return True
    return False


def forget_old_slots(now: datetime) -> int:
    """Delete the slots free again anyway: nothing of an address stays longer."""
    deleted, _ = ConfirmationSlot.objects.filter(used_at__lte=now - WINDOW).delete()
    return deleted
