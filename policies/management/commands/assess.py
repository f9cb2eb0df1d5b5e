"""``manage.py assess PROFILE.json``: the eligibility check from the shell.

Prints the same JSON as ``POST /api/assess``. Whatever is wrong with the input (a
file that cannot be read, bad JSON, a profile that breaks the schema) is told on
standard error with exit status 2, never as a traceback.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from policies import selectors
from policies.rules import serialize
from policies.rules.engine import assess
from policies.rules.profile import ProfileError, parse

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Assess an enterprise profile (a JSON file, or - for standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("profile", help="Path to a JSON profile, or - for stdin.")

    def handle(self, *args: object, profile: str, **options: object) -> None:
        profile_facts = _parse(_read(profile))
        try:
            assessment = assess(profile_facts, selectors.rule_set())
        except DatabaseError as error:
            raise CommandError(
                f"The database cannot be read ({error}); run manage.py migrate "
                "and manage.py load_seed first.",
                returncode=USAGE_ERROR,
            ) from error
        self.stdout.write(json.dumps(serialize.assessment(assessment), indent=2))


def _read(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            f"Cannot read the profile {path}: {error}", returncode=USAGE_ERROR
        ) from error


def _parse(text: str) -> dict[str, object]:
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise CommandError(
            f"The profile is not valid JSON: {error}", returncode=USAGE_ERROR
        ) from error
    try:
        return parse(raw)
    except ProfileError as error:
        lines = [
            f"{field}: {' '.join(messages)}" for field, messages in error.errors.items()
        ]
        raise CommandError(
            "The profile was refused:\n" + "\n".join(lines), returncode=USAGE_ERROR
        ) from error
