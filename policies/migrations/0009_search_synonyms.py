"""The search's synonym table, which editors and publishers keep."""

from django.db import migrations, models

from policies.roles import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0008_mail_outbox_and_confirmation_slots"),
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
        migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop),
    ]
