"""Tables written as CSV or XLSX, the French spreadsheet way, and never as something that attacks their reader.

CSV: UTF-8 with a byte order mark, « ; » between fields, decimal comma, one line at a time (a generator).
XLSX: openpyxl's write-only workbook; money and numbers typed, text cells typed as strings, never formulas.
Every text cell starting with =, +, -, @, a tab or a carriage return gets a leading quote (OWASP « CSV injection »).
"""

import csv
from dataclasses import dataclass
from decimal import Decimal

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {"money": "# ##0.00", "number": "0.0#", "count": "0"}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, money, number, count


def neutralise(value):
    """A text cell a spreadsheet will never read as a formula: « =HYPERLINK(…) » becomes « '=HYPERLINK(…) »."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


class _Line:
    def write(self, value):
        return value


def csv_text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value}".replace(".", ",")
    return str(neutralise(value))


def csv_lines(columns, rows):
    """The CSV of `rows` under `columns`, one line at a time, starting with a byte order mark."""
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff" + writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([csv_text(value) for value in row])


def write_xlsx(title, columns, rows, target):
    """Write one sheet to `target` (a path or a binary file), streaming the rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [NUMBER_FORMATS.get(column.kind) for column in columns]
    for row in rows:
        out = []
        for value, number_format in zip(row, formats, strict=True):
            if number_format and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                out.append(cell)
            elif isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=neutralise(value))
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)
    workbook.save(target)
