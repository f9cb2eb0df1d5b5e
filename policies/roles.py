"""The two staff roles and what each may do, defined once for the data migration and
for ``create_staff_user``.

Editors keep content and rules current and prepare drafts; publishers also decide
what the public sees (publish, archive), may delete shared content and see how many
people follow alerts. Neither may touch users, groups or sign-in lockouts: that
stays with superusers.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITOR = "Editor"
PUBLISHER = "Publisher"
ROLE_GROUPS = {"editor": EDITOR, "publisher": PUBLISHER}

CONTENT_MODELS = (
    "region",
    "developmentgoal",
    "keyproject",
    "keyarea",
    "sourcedocument",
    "agency",
    "contact",
    "guidenote",
    "stackinggroup",
    "searchsynonym",
)
RULE_MODELS = ("policy", "criterion", "route", "workedcase")
# Parts of a region page or of a draft policy that an editor removes in passing.
EDITOR_DELETABLE = (
    "developmentgoal",
    "keyproject",
    "keyarea",
    "policy",
    "criterion",
    "route",
    "workedcase",
    "searchsynonym",
)
PUBLISHER_DELETABLE = (
    "sourcedocument",
    "agency",
    "contact",
    "guidenote",
    "stackinggroup",
)

EDITOR_PERMISSIONS = tuple(
    f"{action}_{model}"
    for model in CONTENT_MODELS + RULE_MODELS
    for action in ("add", "change", "view")
) + tuple(f"delete_{model}" for model in EDITOR_DELETABLE)
PUBLISHER_PERMISSIONS = (
    EDITOR_PERMISSIONS
    + ("publish_policy", "run_population")
    + tuple(f"delete_{model}" for model in PUBLISHER_DELETABLE)
    # How many people follow alerts (counts and masked addresses, never answers):
    # publishers decide what changes, so they see whom a change reaches.
    + ("view_subscription",)
)
ROLE_PERMISSIONS = {EDITOR: EDITOR_PERMISSIONS, PUBLISHER: PUBLISHER_PERMISSIONS}


def sync_roles(apps=global_apps) -> None:
    """Create the role groups and grant what each role needs.

    Permissions are only added, never removed, so a superuser's extra grants to a
    group survive; running it again after a new model is added grants that model.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="policies", codename__in=codenames
            )
        )


def sync_roles_in_migration(apps) -> None:
    """``sync_roles`` from a data migration. Permissions are normally created after
    all migrations have run; create the app's now so the groups can be given them
    on a fresh database."""
    config = apps.get_app_config("policies")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    sync_roles(apps)
