"""Template filters for the eligibility check: amounts as its results word them."""

from django import template
from django.forms import BoundField
from django.utils.translation import get_language

from policies.money import cny_in_words
from policies.rules import formatting
from policies.rules.amounts import Amount

register = template.Library()


@register.filter
def amount_text(amount: Amount | None) -> str:
    """ "CNY 1,500,000", "CNY 1,000,000 to 3,000,000", "up to CNY 500,000" (in
    Chinese "150万元", "100万元至300万元", "最高50万元"): ``formatting.amount_text``."""
    return "" if amount is None else formatting.amount_text(amount)


@register.filter
def readback(field: BoundField) -> str:
    """A money box's figure said back ("= 3000万元"), as check.js says it live."""
    value = field.value()
    return field.field.readback(value) if isinstance(value, str) else ""


@register.filter
def cny_words(value: object) -> str:
    """An amount of CNY in words in the page's language ("CNY 30 million")."""
    return cny_in_words(value, get_language() or "en")
