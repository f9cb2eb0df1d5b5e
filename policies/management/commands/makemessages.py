"""Django's ``makemessages``, plus ``-k``/``--keyword`` as xgettext has it.

The engine cannot import Django, so it marks its strings with ``N_`` (see
``policies/rules/text.py``); ``makemessages -k N_`` extracts them with the rest,
as ``make messages`` runs it.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "-k",
            "--keyword",
            action="append",
            default=[],
            dest="keywords",
            help="Also extract the strings marked with this function (repeatable).",
        )

    def handle(self, *args, **options) -> None:
        keywords = [f"--keyword={name}" for name in options["keywords"]]
        self.xgettext_options = [*self.xgettext_options, *keywords]
        super().handle(*args, **options)
