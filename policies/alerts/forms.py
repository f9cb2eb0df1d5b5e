"""The one question alerts ask: where to send them."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We send a link to this address first: no alert is sent until you "
            "confirm it."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _(
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
        widget=forms.EmailInput(
            attrs={
                "class": "form-control check-input",
                "autocomplete": "email",
                "spellcheck": "false",
            }
        ),
    )

    def error_summary(self) -> list[tuple[str, str]]:
        """Each message with the id of its field, for the error summary's links."""
        return [
            (self[name].auto_id, message)
            for name, messages in self.errors.items()
            for message in messages
        ]
