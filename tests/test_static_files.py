"""Only what a page links ships in static/: no unused bundle, no source maps that
name files the portal does not serve."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")
# Files that are kept for a reason other than being linked.
NOT_LINKED_ON_PURPOSE = {"vendor/bootstrap/LICENSE"}


def linked_static_files() -> set[str]:
    linked = set()
    for template in TEMPLATES.rglob("*.html"):
        linked |= set(STATIC_TAG.findall(template.read_text(encoding="utf-8")))
    return linked


def test_every_shipped_static_file_is_linked_from_a_template():
    shipped = {str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file()}
    unlinked = shipped - linked_static_files() - NOT_LINKED_ON_PURPOSE
    assert unlinked == set()


def test_no_static_file_points_to_a_source_map():
    for path in STATIC.rglob("*"):
        if path.suffix in {".css", ".js"}:
            assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path
