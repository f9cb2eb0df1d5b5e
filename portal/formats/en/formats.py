"""English dates as GOV.UK writes them: 26 November 2026, 26 Nov 2026.

Chinese has no module here, so it keeps Django's zh_Hans formats (2026年11月26日).
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, g:ia"
SHORT_DATETIME_FORMAT = "j M Y, g:ia"
