"""Populations: registries of enterprises assessed in one run (issue 14).

Uploading and checking a file (``upload``), generating a synthetic registry
(``synthetic``), running the engine over every row (``runner``), the draft's
impact (``impact``), the outreach list (``export``) and the chart (``chart``).
"""
