"""The portal's admin site: Django's, with a staff dashboard that flags policies due
for review, and the site-wide “Try it” and fact catalogue pages."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from policies import selectors
from policies.rules.describe import fact_label
from policies.rules.facts import CATALOGUE
from policies.rules.validation import operators_for

from .language import choose_staff_language
from .population import population_urls
from .try_it import try_it_view


class PortalAdminSite(admin.AdminSite):
    site_header = _("Beijing AI policy portal: staff")
    site_title = _("Policy portal staff")
    index_title = _("Content, policies and rules")
    index_template = "admin/portal_index.html"

    def get_urls(self) -> list:
        return [
            path("try-it/", self.admin_view(self.try_it), name="try_it"),
            path("facts/", self.admin_view(self.fact_catalogue), name="fact_catalogue"),
            # Open to anyone, so the sign-in page can be read in Chinese too.
            path("language/", choose_staff_language, name="language"),
            *population_urls(self),
            *super().get_urls(),
        ]

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        overdue = selectors.policy_review_overdue()
        extra = {
            "review_overdue_count": overdue.count()
            if self._sees_policies(request)
            else 0,
            "review_max_age_days": settings.POLICY_REVIEW_MAX_AGE_DAYS,
            **(extra_context or {}),
        }
        return super().index(request, extra)

    def try_it(self, request: HttpRequest) -> HttpResponse:
        return try_it_view(request, self)

    def fact_catalogue(self, request: HttpRequest) -> HttpResponse:
        """Every fact a rule may test: its type, unit, range, choices and operators."""
        if not self._sees_policies(request):
            raise PermissionDenied
        facts = [
            {
                "fact": fact,
                "label": fact_label(fact),
                "operators": " ".join(op.value for op in operators_for(fact)),
            }
            for fact in CATALOGUE.values()
        ]
        context = {
            **self.each_context(request),
            "title": _("Fact catalogue"),
            "facts": facts,
        }
        return TemplateResponse(request, "admin/policies/fact_catalogue.html", context)

    @staticmethod
    def _sees_policies(request: HttpRequest) -> bool:
        return request.user.has_perm("policies.view_policy")
