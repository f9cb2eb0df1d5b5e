"""The portal's admin site and its site-wide pages.

Kept apart from ``policies.admin`` because the site is created while that package
registers its model admins: were the site defined there, registering would create a
second site and the registrations would be lost.
"""
