"""Let publishers see the alert subscription counts (``roles.PUBLISHER_PERMISSIONS``)."""

from django.db import migrations

from policies.roles import sync_roles_in_migration


def grant_roles(apps, schema_editor):
    sync_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0011_policy_code_pattern_one_draft_per_code"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
