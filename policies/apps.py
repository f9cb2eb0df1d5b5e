from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies")

    def ready(self) -> None:
        """Let the engine speak the visitor's language, keep the stamp current and
        register the deployment checks."""
        from django.utils.translation import get_language, gettext

        from . import checks, signals  # noqa: F401
        from .rules.text import set_translator

        set_translator(gettext, get_language)
