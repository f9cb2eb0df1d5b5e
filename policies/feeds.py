"""Ways to follow the portal without visiting it: Atom feeds of new and changed
policies (all, or one region's) and an iCalendar feed of application windows and
deadlines. Each speaks the language of its address: /zh-hans/feeds/… is Chinese.

An Atom entry's id names the policy's version, so publishing a new version of a
policy appears in a feed reader as a new entry rather than a silent edit.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import ical, selectors
from .addresses import absolute_url
from .models import Policy, Region

FEED_LENGTH = 50
CALENDAR_PRODUCT = "-//Beijing AI Industry Policy Portal//Application windows//EN"


class PolicyFeed(Feed):
    """New and changed policies across Beijing, newest first.

    Every address in it is absolute on ``PORTAL_BASE_URL``: Django would otherwise
    complete the relative ones with the request's ``Host`` header.
    """

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def title(self) -> str:
        return _("New and changed policies – %(portal)s") % {
            "portal": settings.PORTAL_NAME
        }

    def subtitle(self) -> str:
        return _("Support policies for Beijing's AI industry, newest first.")

    def link(self) -> str:
        return absolute_url(reverse("policies:policy_list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("policies:feed"))

    def items(self):
        return selectors.policy_feed()[:FEED_LENGTH]

    def item_title(self, item: Policy) -> str:
        return f"{item.code} {item.title}"

    def item_description(self, item: Policy) -> str:
        return f"{item.summary}\n\n{item.headline_benefit}"

    def item_link(self, item: Policy) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Policy) -> str:
        return self.item_link(item) + f"#version-{item.version}"

    def item_updateddate(self, item: Policy):
        return item.updated_at

    def item_pubdate(self, item: Policy):
        return item.published_at or item.updated_at

    def item_categories(self, item: Policy) -> list[str]:
        return [item.region.name]


class RegionPolicyFeed(PolicyFeed):
    """New and changed policies of one region."""

    def get_object(self, request: HttpRequest, slug: str) -> Region:
        return get_object_or_404(Region, slug=slug)

    def title(self, obj: Region) -> str:
        return _("New and changed policies in %(region)s – %(portal)s") % {
            "region": obj.name,
            "portal": settings.PORTAL_NAME,
        }

    def link(self, obj: Region) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: Region) -> str:
        return absolute_url(reverse("policies:region_feed", kwargs={"slug": obj.slug}))

    def items(self, obj: Region):
        return selectors.policy_feed(region=obj)[:FEED_LENGTH]


@require_safe
def windows_calendar(request: HttpRequest) -> HttpResponse:
    """Application windows, deadlines and end dates of published policies."""
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    events = [
        event for policy in selectors.policy_dated() for event in _events(policy, host)
    ]
    body = ical.calendar(
        name=_("Application windows – %(portal)s") % {"portal": settings.PORTAL_NAME},
        product=CALENDAR_PRODUCT,
        events=events,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _events(policy: Policy, host: str) -> list[ical.Event]:
    """A policy's window, its deadline and its end, as far as its dates go."""
    name = f"{policy.code} {policy.title}"
    url = absolute_url(policy.get_absolute_url())

    def event(kind: str, start, last_day, summary: str) -> ical.Event:
        return ical.Event(
            uid=f"{policy.code}-{kind}@{host}",
            start=start,
            last_day=last_day,
            summary=summary,
            description=f"{policy.headline_benefit}\n{url}",
            url=url,
            stamp=policy.updated_at,
        )

    events = []
    opens, closes = policy.application_opens, policy.application_closes
    if opens:
        summary = _("Applications open: %(policy)s") % {"policy": name}
        events.append(event("window", opens, closes or opens, summary))
    if closes:
        summary = _("Application deadline: %(policy)s") % {"policy": name}
        events.append(event("deadline", closes, closes, summary))
    if policy.valid_until:
        summary = _("Policy ends: %(policy)s") % {"policy": name}
        events.append(event("ends", policy.valid_until, policy.valid_until, summary))
    return events
