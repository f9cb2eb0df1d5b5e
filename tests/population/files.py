"""Registry files as staff would upload them, built in memory."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def csv_upload(
    rows: list[list[object]], name: str = "registry.csv"
) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode("utf-8"), "text/csv")


def xlsx_upload(
    rows: list[list[object]], name: str = "registry.xlsx"
) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile(name, data.getvalue())
