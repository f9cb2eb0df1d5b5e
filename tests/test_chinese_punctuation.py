"""Chinese is written with Chinese punctuation: ，、；：（）？！ rather than their
ASCII forms, in the catalogue, in the Chinese fields of the fixtures and on the
rendered Chinese pages, including text the engine joins from parts.

What a visitor types or code reads is exempt: text within “…”, […] or {…}, and a
comma between digits (30,000,000; 64, 65).
"""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from policies import sharing
from policies.models import Policy, Region
from policies.rules.profile import parse
from policies.rules.text import clauses, listing
from tests.test_i18n import catalogue_entries

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EXAMPLES = Path(settings.BASE_DIR) / "tests" / "data" / "examples.json"
HAN = re.compile(r"[\u3400-\u9fff]")
WIDE = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
# Innermost first, so nested JSON ({"a": {"b": [1, 2]}}) goes as a whole.
EXEMPT = re.compile(r"“[^”]*”|\[[^\[\]]*\]|\{[^{}]*\}|%\(\w+\)[sd]|https?://\S+")
ASCII_IN_CHINESE = {
    "，": re.compile(r"(?<!\d),|,(?!\s?\d)"),
    "；": re.compile(r";"),
    "：": re.compile(rf"{WIDE}\s*:|:\s*{WIDE}"),
    "（）": re.compile(rf"{WIDE}\s*\(|\)\s*{WIDE}|\(\s*{WIDE}|{WIDE}\s*\)"),
    "？！": re.compile(rf"{WIDE}\s*[?!]"),
}


def ascii_punctuation(text: str) -> list[str]:
    """The Chinese marks whose ASCII forms ``text`` uses, if it is Chinese."""
    if not HAN.search(text):
        return []
    while EXEMPT.search(text):
        text = EXEMPT.sub("X", text)
    return [mark for mark, pattern in ASCII_IN_CHINESE.items() if pattern.search(text)]


def visible_lines(page: str) -> list[str]:
    page = re.sub(r"(?is)<(script|style|head)\b.*?</\1>|<!--.*?-->", "", page)
    page = re.sub(
        r"<(br|p|li|dd|dt|h\d|div|td|th|section|ul|ol|dl)\b[^>]*>", "\n", page
    )
    return html.unescape(re.sub(r"<[^>]+>", "", page)).splitlines()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("人工智能, 集成电路", ["，"]),
        ("最高50万元; 专精特新企业", ["；"]),
        ("联系电话: 010-55578513", ["："]),
        ("阿里巴巴达摩院(北京)", ["（）"]),
        ("营业收入达到30,000,000元（64, 65）", []),
        ('请填写列表：[{"at": 0, "rate_pct": 30}]。', []),
        ("Revenue, rent; (English)", []),
    ],
)
def test_the_check_finds_ascii_punctuation_in_chinese_text_only(text, found):
    assert ascii_punctuation(text) == found


def test_the_chinese_catalogue_uses_chinese_punctuation():
    wrong = [
        (entry["msgid"], text)
        for entry in catalogue_entries()
        for text in entry["msgstr"]
        if ascii_punctuation(text)
    ]

    assert wrong == []


@pytest.mark.parametrize("fixture", ["content.json", "rules.json"])
def test_the_chinese_fields_of_the_fixtures_use_chinese_punctuation(fixture):
    records = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))

    wrong = [
        (record["model"], record["pk"], name)
        for record in records
        for name, value in record["fields"].items()
        if name.endswith("_zh_hans")
        and isinstance(value, str)
        and ascii_punctuation(value)
    ]

    assert wrong == []


def test_lists_and_clauses_are_joined_as_each_language_writes_them():
    with translation.override("zh-hans"):
        assert listing(["人工智能", "集成电路"]) == "人工智能、集成电路"
        assert clauses(["最高50万元", "另加20万元"]) == "最高50万元；另加20万元"
    with translation.override("en"):
        assert listing(["AI", "integrated circuits"]) == "AI, integrated circuits"
        assert (
            clauses(["up to 500,000", "plus 200,000"]) == "up to 500,000; plus 200,000"
        )


@pytest.mark.django_db
def test_the_chinese_pages_and_results_use_chinese_punctuation(client):
    call_command("loaddata", "content", "rules", verbosity=0)
    with translation.override("zh-hans"):
        pages = [
            reverse("policies:home"),
            reverse("policies:policy_list") + "?q=营收&sort=amount",
            reverse("policies:alerts"),
            *(region.get_absolute_url() for region in Region.objects.all()),
            *(policy.get_absolute_url() for policy in Policy.objects.published()),
            *(
                reverse(
                    "policies:check_shared",
                    kwargs={"token": sharing.encode(parse(example["profile"]))},
                )
                for example in json.loads(EXAMPLES.read_text(encoding="utf-8"))
            ),
        ]

    wrong = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        lines = visible_lines(response.content.decode())
        wrong += [(page, line.strip()) for line in lines if ascii_punctuation(line)]

    assert wrong == []
