"""Files to upload in the tests."""

import io

from openpyxl import Workbook, load_workbook

HEADER = ["External id", "Family name", "Given names", "Birth date", "Sex", "BSN", "IBAN"]


def xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_values(data: bytes, sheet: int = 0) -> list[list]:
    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def person_rows(count: int, *, start: int = 0) -> list[list]:
    return [
        [f"EXT-{n}", f"Kovalenko{n}", "Olena", "1985-03-02", "F", "", ""]
        for n in range(start, start + count)
    ]
