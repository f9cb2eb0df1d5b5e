"""``manage.py create_staff_user``: add a member of staff with the editor or publisher
role, so nobody needs the superuser account for day-to-day work."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from policies.roles import ROLE_GROUPS, sync_roles


class Command(BaseCommand):
    help = (
        "Create a staff user with the editor role (edit content and rules, prepare "
        "drafts) or the publisher role (also publish and archive)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", required=True, choices=sorted(ROLE_GROUPS))
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking.",
        )

    def handle(self, *args: object, **options: str) -> None:
        user_model = get_user_model()
        username, email = options["username"], options["email"]
        self._check_account(username, email)
        user = user_model(username=username, email=email, is_staff=True)
        password = self._password(options["password_from_env"])
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            message = "The password was refused: " + " ".join(error.messages)
            raise CommandError(message) from None
        user.set_password(password)
        with transaction.atomic():
            sync_roles()
            user.save()
            user.groups.add(Group.objects.get(name=ROLE_GROUPS[options["role"]]))
        self.stdout.write(
            self.style.SUCCESS(f"Created {username} with the {options['role']} role.")
        )

    @staticmethod
    def _check_account(username: str, email: str) -> None:
        """Refuse what the admin's user forms refuse, with their messages: a username
        with other characters or taken in any case, an email address that is not
        one. Checked before the password is asked for."""
        form = UserCreationForm(data={"username": username})
        problems = [
            f"username: {message}" for message in form.errors.get("username", [])
        ]
        email_field = get_user_model()._meta.get_field("email").formfield(required=True)
        try:
            email_field.clean(email)
        except ValidationError as error:
            problems += [f"email: {message}" for message in error.messages]
        if problems:
            raise CommandError("The account was refused: " + " ".join(problems))

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"The environment variable {variable} is not set.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
