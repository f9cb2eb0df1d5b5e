"""Phone numbers as readers in each language write them.

The guide prints Beijing's numbers in international form (+86-10-55578513), which
the English pages keep. A Chinese reader dials and writes them with the domestic
trunk prefix: 010-55578513 for a fixed line (area code with a leading 0), a mobile
number without one. Only mainland numbers (+86) change; the ``tel:`` link keeps
the international form, which works from any phone.
"""

import re

MAINLAND = re.compile(r"^\+86[\s-]*(\d+)[\s-]*(\d[\d\s-]*)$")
MOBILE_PREFIX = "1"


def domestic(phone: str) -> str:
    """``phone`` as written within mainland China; unchanged when not a +86 number."""
    found = MAINLAND.match(phone.strip())
    if found is None:
        return phone
    area, number = found.group(1), re.sub(r"[\s-]", "", found.group(2))
    if area.startswith(MOBILE_PREFIX) and len(area) > 3:
        return area + number
    return f"0{area}-{number}"


def for_language(phone: str, language: str | None) -> str:
    """The number as the page's language writes it: domestic form in Chinese."""
    return domestic(phone) if (language or "").startswith("zh") else phone
