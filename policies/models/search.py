"""The search's synonym table: words visitors type that the guide writes otherwise."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..search_text import phrase_key, phrases


class SearchSynonym(models.Model):
    """A word or phrase visitors type ("营收", "large model") and the guide's words
    for what they mean (营业收入, business revenue; big model, 大模型).

    The list changes with the way people talk, not with the code, so staff keep it
    in the admin. A search for the word also finds anything holding one of the
    other words; the word itself is stored as the search compares it (lower case,
    half-width, single spaces for hyphens), so two spellings cannot make two rows.
    """

    term = models.CharField(
        _("word a visitor types"),
        max_length=60,
        unique=True,
        help_text=_(
            "For example 营收 or “large model”. Case and punctuation do not count."
        ),
    )
    also_matches = models.TextField(
        _("also find"),
        help_text=_(
            "The words the guide uses for it, in English or Chinese: one per line, or "
            "separated by commas or 、."
        ),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.term = phrase_key(self.term)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.term = phrase_key(self.term)
        if not self.term:
            raise ValidationError({"term": _("Enter a word with letters or numbers.")})
        if not self.alternatives:
            raise ValidationError(
                {"also_matches": _("Enter at least one word to find as well.")}
            )

    @property
    def alternatives(self) -> list[str]:
        """The other words, normalised like the term, without the term itself."""
        return [word for word in phrases(self.also_matches) if word != self.term]
