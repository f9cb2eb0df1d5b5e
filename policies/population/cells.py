"""Reading one spreadsheet cell as a fact's value, the way the check reads answers.

Money may carry 万 or 亿 ("3000万", "1.2亿") or a currency mark; a bare figure is
in the column's unit (yuan, or 万元 when the header says so). Yes/no accepts the
usual words in both languages; a choice its code or its label in either
language. Blank is "not known". A formula is refused: the file must hold the
figures themselves, so the registry says what staff saw in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _

from ..money import QuantityError, read_quantity
from ..rules.facts import Fact, FactType

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "是", "有", "√", "✓"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "否", "无", "×", "✗"})
LIST_SEPARATORS = re.compile(r"[,;，；、|/]")


class CellError(ValueError):
    """Why a cell cannot be read; the message is shown next to its row and column."""


def normalize(text: str) -> str:
    """Text as headers and labels are compared: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def labels(message: str) -> set[str]:
    """A marked message as it reads in English and in Chinese, normalized."""
    with translation.override("zh-hans"):
        chinese = translation.gettext(message)
    return {normalize(message), normalize(chinese)}


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(fact: Fact, value: object, unit: Decimal) -> object:
    """``value`` as the raw profile takes it, or ``CellError``."""
    if isinstance(value, str) and value.lstrip().startswith("="):
        raise CellError(_("a formula; enter the value itself."))
    return _READERS[fact.type](fact, value, unit)


def _quantity(fact: Fact, value: object, unit: Decimal) -> Decimal:
    percent = fact.type is FactType.PERCENT
    if isinstance(value, bool):
        raise CellError(_("not a number."))
    if isinstance(value, int | float):
        return Decimal(str(value)) * unit
    if not isinstance(value, str):
        raise CellError(_("not a number."))
    try:
        reading = read_quantity(value, percent=percent, unit=unit)
    except QuantityError as error:
        if error.code == "negative":
            raise CellError(_("a negative number; enter zero or more.")) from None
        raise CellError(_("not a number.")) from None
    return reading.value


def _boolean(fact: Fact, value: object, unit: Decimal) -> bool:
    if isinstance(value, bool):
        return value
    word = normalize(str(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("not yes or no (write yes, no, 是 or 否)."))


@cache
def _choice_index(fact: Fact) -> dict[str, str]:
    """Every accepted spelling of each of ``fact``'s choices, to its code."""
    index = {}
    for code, label in fact.choices:
        index.update(dict.fromkeys(labels(label) | {normalize(code)}, code))
    return index


def _choice_code(fact: Fact, text: object) -> str:
    code = _choice_index(fact).get(normalize(str(text)))
    if code is not None:
        return code
    raise CellError(
        _("not one of the choices: %(choices)s.")
        % {"choices": ", ".join(code for code, _label in fact.choices)}
    )


def _choice(fact: Fact, value: object, unit: Decimal) -> str:
    return _choice_code(fact, value)


def _choices(fact: Fact, value: object, unit: Decimal) -> list[str]:
    items = [item for item in LIST_SEPARATORS.split(str(value)) if item.strip()]
    return [_choice_code(fact, item) for item in items]


def _code(fact: Fact, value: object, unit: Decimal) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value).strip()


_READERS: dict[FactType, Callable[[Fact, object, Decimal], object]] = {
    FactType.MONEY: _quantity,
    FactType.NUMBER: _quantity,
    FactType.INTEGER: _quantity,
    FactType.PERCENT: _quantity,
    FactType.BOOLEAN: _boolean,
    FactType.CHOICE: _choice,
    FactType.CHOICES: _choices,
    FactType.CODE: _code,
}
