"""A dump of the content restores to the same content (the README's backup steps)."""

import io
import json

import pytest
from django.core.management import call_command

from policies.models import Policy


def _dump() -> list[dict]:
    out = io.StringIO()
    call_command(
        "dumpdata", "policies", "--exclude", "policies.contentversion", stdout=out
    )
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


@pytest.mark.django_db(transaction=True)
def test_dumpdata_restores_to_the_same_content(tmp_path):
    call_command("load_seed")
    before = _dump()
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(before))

    call_command("flush", "--noinput")
    assert not Policy.objects.exists()
    call_command("loaddata", str(backup))

    assert _dump() == before
