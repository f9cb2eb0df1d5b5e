"""Reading a registry file: labels in both languages, money as the check reads it,
and a bad file refused whole with every bad row and column named."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from policies.population.upload import UploadRefused, read_population
from tests.population.files import csv_upload, xlsx_upload


def refusal(upload) -> list[str]:
    with pytest.raises(UploadRefused) as refused:
        read_population(upload)
    return refused.value.problems


def test_columns_may_be_fact_names_or_labels_in_either_language():
    rows, facts = read_population(
        csv_upload(
            [
                [
                    "code",
                    "企业名称",
                    "注册所在区",
                    "Revenue in the latest year",
                    "技术领域",
                ],
                ["91110000X", "甲公司", "海淀区", "3000万", "人工智能、big_data"],
                ["91110000Y", "", "Dongcheng District", "1.2亿", ""],
            ]
        )
    )
    assert [row.code for row in rows] == ["91110000X", "91110000Y"]
    assert rows[0].name == "甲公司"
    assert rows[0].profile == {
        "district": "haidian",
        "revenue_latest_year": 30_000_000,
        "tech_fields": ["artificial_intelligence", "big_data"],
    }
    assert rows[1].profile == {
        "district": "dongcheng",
        "revenue_latest_year": 120_000_000,
    }
    assert facts == ["district", "revenue_latest_year", "tech_fields"]


def test_a_unit_in_the_header_reads_bare_figures_in_that_unit():
    rows, _facts = read_population(
        xlsx_upload(
            [
                ["code", "最近一年营业收入（万元）", "high_tech_enterprise"],
                ["A", 3000, "是"],
                ["B", "2亿", "no"],
            ]
        )
    )
    assert rows[0].profile == {
        "revenue_latest_year": 30_000_000,
        "high_tech_enterprise": True,
    }
    assert rows[1].profile == {
        "revenue_latest_year": 200_000_000,
        "high_tech_enterprise": False,
    }


def test_a_bad_file_is_refused_naming_every_bad_row_and_column():
    problems = refusal(
        csv_upload(
            [
                ["code", "district", "revenue_latest_year", "high_tech_enterprise"],
                ["A", "haidian", "12", "yes"],
                ["B", "atlantis", "twelve", "yes"],
                ["A", "haidian", "-5", "perhaps"],
            ]
        )
    )
    assert problems == [
        "row 3, district: not one of the choices: "
        + ", ".join(
            [
                "dongcheng",
                "xicheng",
                "chaoyang",
                "fengtai",
                "shijingshan",
                "haidian",
                "mentougou",
                "fangshan",
                "tongzhou",
                "shunyi",
                "changping",
                "daxing",
                "huairou",
                "pinggu",
                "miyun",
                "yanqing",
                "outside_beijing",
            ]
        )
        + ".",
        "row 3, revenue_latest_year: not a number.",
        "row 4, revenue_latest_year: a negative number; enter zero or more.",
        "row 4, high_tech_enterprise: not yes or no (write yes, no, 是 or 否).",
        "row 4, code: the same code as row 2.",
    ]


def test_the_profile_checks_of_the_api_apply_to_every_row():
    problems = refusal(
        csv_upload(
            [["code", "domestic_rd_share_pct", "industry_code"], ["A", "120", "6"]]
        )
    )
    assert problems == [
        "row 2, domestic_rd_share_pct: Ensure this value is at most 100.",
        "row 2, industry_code: Enter a code of the form ^[0-9]{2}$.",
    ]


def test_a_wrong_header_is_refused_naming_the_column():
    problems = refusal(
        csv_upload([["code", "revenu", "district"], ["A", "1", "haidian"]])
    )
    assert problems == [
        "column B “revenu”: not a fact’s name or label (see the fact catalogue)."
    ]


def test_a_file_without_a_code_column_is_refused():
    problems = refusal(csv_upload([["district"], ["haidian"]]))
    assert problems == [
        "No column gives the enterprise’s code (a column named “code”)."
    ]


def test_a_formula_in_a_workbook_cell_is_refused():
    problems = refusal(
        xlsx_upload([["code", "revenue_latest_year"], ["A", "=1000*2"], ["B", 5]])
    )
    assert problems == [
        "row 2, revenue_latest_year: a formula; enter the value itself."
    ]


def test_a_formula_in_a_csv_code_is_refused():
    problems = refusal(csv_upload([["code", "district"], ["=HYPERLINK(1)", "haidian"]]))
    assert problems[0] == "row 2, code: a formula; enter the value itself."


@pytest.mark.parametrize("name", ["garbage.csv", "garbage.xlsx", "garbage.bin"])
def test_ten_megabytes_of_garbage_are_refused(name):
    problems = refusal(SimpleUploadedFile(name, os.urandom(10 * 1024 * 1024)))
    assert len(problems) == 1


def test_a_damaged_workbook_is_refused():
    upload = xlsx_upload([["code"], ["A"]])
    data = upload.read()
    damaged = SimpleUploadedFile("registry.xlsx", data[: len(data) // 2])
    assert refusal(damaged)


def test_a_file_over_the_size_limit_is_refused_before_reading(settings):
    settings.POPULATION_MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("big.csv", b"code\n" + b"A\n" * 600_000)
    assert refusal(upload) == ["The file is larger than 1 MB."]


def test_a_file_with_more_rows_than_allowed_is_refused(settings):
    settings.POPULATION_MAX_ROWS = 2
    problems = refusal(csv_upload([["code"], ["A"], ["B"], ["C"]]))
    assert problems == ["The file has more than 2 enterprises."]


def test_a_gb18030_csv_from_chinese_excel_is_read():
    text = "code,注册所在区\nA,朝阳区\n"
    upload = SimpleUploadedFile("registry.csv", text.encode("gb18030"))
    rows, _facts = read_population(upload)
    assert rows[0].profile == {"district": "chaoyang"}


def test_a_row_longer_than_the_header_is_refused():
    problems = refusal(csv_upload([["code", "district"], ["A", "haidian", "stray"]]))
    assert problems == ["row 2, C: more cells than the header has columns."]
