"""The search's synonym table, which editors and publishers keep."""

from django.db import migrations, models

from policies.roles import sync_roles_in_migration


def grant_roles(apps, schema_editor):
    sync_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0009_populations"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="For example 营收 or “large model”. Case and punctuation do not count.",
                        max_length=60,
                        unique=True,
                        verbose_name="word a visitor types",
                    ),
                ),
                (
                    "also_matches",
                    models.TextField(
                        help_text="The words the guide uses for it, in English or Chinese: one per line, or separated by commas or 、.",
                        verbose_name="also find",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["term"],
            },
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
