"""Install the portal's admin site in place of Django's default one.

``INSTALLED_APPS`` imports this before the models are ready; the site class itself
is loaded lazily by name.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "policies.adminsite.site.PortalAdminSite"
