"""Ship the specification's five worked cases from fixtures/worked_cases.json.

Only the cases' own fields are read, and a case whose name exists is left alone, so
staff edits survive and a later field on the model does not break this migration.
"""

import json

from django.conf import settings
from django.db import migrations

FIXTURE = settings.BASE_DIR / "fixtures" / "worked_cases.json"


def add_cases(apps, schema_editor):
    worked_case = apps.get_model("policies", "WorkedCase")
    for entry in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = entry["fields"]
        worked_case.objects.get_or_create(
            name=fields["name"],
            defaults={
                "profile": fields["profile"],
                "expected": fields["expected"],
                "notes": fields.get("notes", ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_staff_roles")]

    operations = [migrations.RunPython(add_cases, migrations.RunPython.noop)]
