"""Template filters for the eligibility check: amounts as its results word them."""

from django import template
from django.utils.translation import get_language, gettext

from policies.money import cny_in_words
from policies.rules.amounts import Amount
from policies.rules.formatting import money, number

register = template.Library()


@register.filter
def amount_text(amount: Amount | None) -> str:
    """ "CNY 1,500,000", "CNY 1,000,000 to 3,000,000" or "up to CNY 500,000"."""
    if amount is None:
        return ""
    if amount.min == amount.max:
        return money(amount.max)
    if not amount.min:
        return gettext("up to %(amount)s") % {"amount": money(amount.max)}
    return gettext("%(min)s to %(max)s") % {
        "min": money(amount.min),
        "max": number(amount.max),
    }


@register.filter
def cny_words(value: object) -> str:
    """An amount of CNY in words in the page's language ("CNY 30 million")."""
    return cny_in_words(value, get_language() or "en")
