"""Helpers the rule checks share: translated messages and lenient number reading."""

from decimal import Decimal, InvalidOperation

from ..text import translate


def say(message: str, **values: object) -> str:
    """Translate ``message`` (marked with ``N_``) and fill in its ``%(name)s`` values."""
    return translate(message) % values if values else translate(message)


def as_decimal(value: object) -> Decimal | None:
    """``value`` as a finite Decimal, or ``None`` when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
