"""Reading a survey export as rows of text cells: CSV as Danish Excel saves it, or XLSX.

CSV: UTF-8 with a BOM (Excel's "CSV UTF-8"), UTF-8 without one, or Windows-1252 (Excel's plain
"CSV"), separated by `;` (Danish Excel), `,` or tabs, whichever the first rows use most. XLSX:
the first sheet through openpyxl (the `import` extra), numbers as Excel shows them (`2019`, not
`2019.0`), dates as `YYYY-MM-DD`, a merged cell's value in its first cell only, as in a CSV.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER_ROWS = 12
"""The header row is looked for among the first rows (a title and a note may come first)."""


class SurveyError(Exception):
    """The file cannot be imported at all; the message says why, in Danish."""


def read_rows(path: Path) -> tuple[list[list[str]], str]:
    """Every row of the first sheet as text cells, and how the file was read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path), "XLSX"
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path.read_bytes())
    raise SurveyError(
        f"'{path.name}' er hverken CSV eller XLSX. Gem regnearket som 'CSV (semikolonsepareret)' "
        "eller 'Excel-projektmappe (.xlsx)'."
    )


def _read_csv(raw: bytes) -> tuple[list[list[str]], str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="replace"), "UTF-8 med BOM"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = raw.decode("cp1252", errors="replace"), "Windows-1252"
    sample = "\n".join(text.splitlines()[:HEADER_ROWS])
    delimiter = max((";", ",", "\t"), key=sample.count)
    names = {";": "semikolon", ",": "komma", "\t": "tabulator"}
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [[cell for cell in row] for row in rows], f"CSV, {encoding}, {names[delimiter]}"


def _read_xlsx(path: Path) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError:  # the `import` extra is not installed
        raise SurveyError(
            "XLSX-filer kræver pakken openpyxl. Installer den med "
            "pip install 'smartcity-vidensbank[import]', eller gem regnearket som CSV."
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same to the user
        raise SurveyError(f"'{path.name}' kan ikke læses som en Excel-fil ({exc}).") from None
    try:
        sheet = book.worksheets[0]
        return [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if hasattr(value, "year") and hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)
