"""Staff screens: content, policies with their rules and versions, worked cases.

Importing the modules registers their model admins on the portal's admin site.
"""

from . import alerts, cases, content, policy, rules, search  # noqa: F401
