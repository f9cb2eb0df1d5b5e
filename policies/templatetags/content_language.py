"""Content in the visitor's language, or in English, marked as such, where nobody
has entered the Chinese yet.

Reading a translated field falls back to English by itself (modeltranslation); these
tags also tell the browser and the reader: the English gets ``lang="en"`` (so screen
readers and fonts switch) and long texts a short notice before them.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from policies import phones

register = template.Library()

FALLBACK = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register.filter
def local_phone(phone: str) -> str:
    """A phone number as the page's language writes it (010-55578513 in Chinese)."""
    return phones.for_language(phone, get_language())


@register.simple_tag
def shown_language(obj: object, field: str) -> str:
    """The language ``obj.<field>`` is shown in: the active one when it has text in
    it, else the fallback, English."""
    active = get_language() or FALLBACK
    value = getattr(obj, build_localized_fieldname(field, active), None)
    return active if value else FALLBACK


@register.simple_tag
def translated(obj: object, field: str) -> str:
    """A short text (a name, a title), wrapped in ``<span lang="en">`` when it falls
    back to English."""
    value = getattr(obj, field)
    if shown_language(obj, field) == (get_language() or FALLBACK):
        return value
    return format_html('<span lang="{}">{}</span>', FALLBACK, value)


@register.inclusion_tag("includes/translated_text.html")
def translated_text(obj: object, field: str, css_class: str = "") -> dict:
    """A long text as paragraphs; when it falls back to English, a notice first and
    ``lang="en"`` on the text."""
    return {
        "value": getattr(obj, field),
        "fallback": shown_language(obj, field) != (get_language() or FALLBACK),
        "fallback_language": FALLBACK,
        "css_class": css_class,
    }


@register.simple_tag
def translation_mark(obj: object, field: str, kind: str = "text") -> str:
    """ "(the portal's translation)" after a text of the guide shown in Chinese,
    which the guide gives only in English; nothing when it shows the English.
    ``kind="name"`` says "name" instead, for an agency's name."""
    if shown_language(obj, field) == FALLBACK:
        return ""
    label = (
        _("(name translated by the portal)")
        if kind == "name"
        else _("(the portal’s translation)")
    )
    return format_html(
        '<span class="translation-mark translation-mark--inline">{}</span>', label
    )
