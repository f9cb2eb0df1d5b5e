"""Create the Editor and Publisher groups with their permissions."""

from django.db import migrations

from policies.roles import sync_roles_in_migration


def create_roles(apps, schema_editor):
    sync_roles_in_migration(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Publisher"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("policies", "0002_history_publish_permission_worked_cases"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
