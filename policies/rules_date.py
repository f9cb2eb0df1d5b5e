"""When the rules the check applies last changed: the date a printout of results
states, and what tells a share link's reader the rules changed after it was made.

The check applies the published policies that have not expired, so the rules
change when a version is published (``published_at``), when a published version
is withdrawn or replaced (the archived version's ``updated_at``; archiving is the
last change made to it) and when a published policy's ``valid_until`` passes (it
leaves the check the next day, Beijing time). The latest of these is when today's
rules took effect.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.utils import timezone

from .models import Policy
from .status import beijing_today


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def rules_took_effect() -> datetime.datetime | None:
    """When today's rules took effect (``None`` before anything is published), in
    one query."""
    today = beijing_today()
    published, archived = Policy.State.PUBLISHED, Policy.State.ARCHIVED
    found = Policy.objects.aggregate(
        published=Max("published_at", filter=Q(state=published)),
        withdrawn=Max(
            "updated_at", filter=Q(state=archived, published_at__isnull=False)
        ),
        expired=Max("valid_until", filter=Q(state=published, valid_until__lt=today)),
    )
    moments = [found["published"], found["withdrawn"]]
    if found["expired"]:
        moments.append(_start_of(found["expired"] + datetime.timedelta(days=1)))
    return max((m for m in moments if m), default=None)
