"""Create the Editor and Publisher groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from policies.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create the
    # app's now so the groups can be given them on a fresh database.
    config = apps.get_app_config("policies")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    sync_roles(apps)


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
