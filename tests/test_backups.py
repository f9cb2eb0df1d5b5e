"""A dump of the content restores to the same content (the README's backup steps)."""

import io
import json

import pytest
from django.core.management import call_command

from policies.models import ContentVersion, Policy

# As the README's backup section runs it: staff accounts and groups with the content
# and its history, users referred to by natural key, the content token left out so a
# restore starts a new one (and every page cache with it).
DUMP_ARGS = (
    "auth.group",
    "auth.user",
    "policies",
    "--natural-foreign",
    "--exclude",
    "policies.contentversion",
)


def _dump() -> list[dict]:
    out = io.StringIO()
    call_command("dumpdata", *DUMP_ARGS, stdout=out)
    return json.loads(out.getvalue())


def _rows(dump: list[dict], *, history: bool) -> list[dict]:
    """The live tables' rows or the history tables' rows, in a stable order."""
    chosen = [
        r for r in dump if r["model"].startswith("policies.historical") == history
    ]
    return sorted(chosen, key=lambda row: (row["model"], str(row["pk"])))


@pytest.fixture
def edited_seed(transactional_db) -> None:
    """The seed with one edit saved as staff save it, so there is history to keep."""
    call_command("load_seed")
    policy = Policy.objects.get(code="DC-1")
    policy.title = "Edited before the backup"
    policy.save()


def test_dumpdata_restores_to_the_same_content(edited_seed, tmp_path):
    before = _dump()
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(before))
    token = ContentVersion.current()

    call_command("flush", "--noinput")
    assert not Policy.objects.exists()
    call_command("loaddata", str(backup))
    after = _dump()

    assert _rows(after, history=False) == _rows(before, history=False)
    assert Policy.objects.get(code="DC-1").title == "Edited before the backup"
    assert ContentVersion.current() != token


def test_dumpdata_restores_every_history_record(edited_seed, tmp_path):
    """Each history record comes back as it was. (django-simple-history also records
    the restored contacts of each policy as one more change: loaddata cannot tell it
    apart from an edit, which is why the README prefers pg_dump for a full restore.)"""
    before = _rows(_dump(), history=True)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(_dump()))

    call_command("flush", "--noinput")
    call_command("loaddata", str(backup))
    after = _rows(_dump(), history=True)

    assert before
    assert all(row in after for row in before)
