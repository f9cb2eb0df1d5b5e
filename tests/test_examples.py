"""The specification's worked examples through ``manage.py assess`` and the API.

They run twice: on the seed policies made by factories (always), and on the real
fixtures, ``content.json`` with ``rules.json``, as a fresh database gets them.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from policies.rules.cases import compare_outcome
from tests.seed import CONTENT_FIXTURE, SEED_CODES, load_examples

EXAMPLES = load_examples()


@pytest.fixture(params=["factories", "fixtures"])
def seeded(request, db):
    """The 21 seed policies with their rules, made one way or the other."""
    if request.param == "factories":
        request.getfixturevalue("seed_policies")
        return
    if not CONTENT_FIXTURE.exists():
        pytest.skip("fixtures/content.json is not written yet")
    call_command("loaddata", "content", "rules", verbosity=0)


def through_command(profile: dict, tmp_path) -> dict:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile))
    out = io.StringIO()
    call_command("assess", str(path), stdout=out)
    return json.loads(out.getvalue())


def through_api(profile: dict, tmp_path) -> dict:
    response = Client().post("/api/assess", profile, content_type="application/json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("face", [through_command, through_api], ids=["command", "api"])
@pytest.mark.parametrize("case", EXAMPLES, ids=[case["name"] for case in EXAMPLES])
def test_worked_example_holds(seeded, face, case, tmp_path):
    result = face(case["profile"], tmp_path)
    assert [r["code"] for r in result["results"]] == list(SEED_CODES)
    assert compare_outcome(case, result) == []
