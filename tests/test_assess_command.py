"""``manage.py assess``: the contract on standard output, refusals on standard error
with exit status 2, never a traceback."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.seed import SEED_CODES

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def run_command(*args, stdin: str = "") -> dict:
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return json.loads(out.getvalue())


def test_assess_prints_the_contract_for_a_profile_file(seed_policies, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"district": "chaoyang", "sti_plan_project": True}))
    result = run_command(str(profile))
    assert [r["code"] for r in result["results"]] == list(SEED_CODES)
    assert result["most_favorable"] == "CY-4"
    assert result["estimate"] == {"min": 0, "max": 1_000_000}


def test_assess_reads_standard_input_for_a_dash(seed_policies, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"district": "haidian"}'))
    assert len(run_command("-")["results"]) == len(SEED_CODES)


def test_a_bad_profile_exits_2_naming_the_field(db, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text('{"years_since_settlement": 1.5}')
    with pytest.raises(CommandError, match="years_since_settlement") as caught:
        call_command("assess", str(profile))
    assert caught.value.returncode == 2


def shell(stdin: str, *args: str, database: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    command = [sys.executable, str(MANAGE), "assess", *(args or ("-",))]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    ("stdin", "args", "says"),
    [
        ('{"industry_code": 65}', (), "industry_code"),
        ("{oops", (), "not valid JSON"),
        ("[]", (), "must be a JSON object"),
        ("", ("/no/such/profile.json",), "Cannot read the profile"),
        ("{}", (), "database cannot be read"),
    ],
)
def test_the_shell_never_sees_a_traceback(tmp_path, stdin, args, says):
    done = shell(stdin, *args, database=tmp_path / "empty.sqlite3")
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
