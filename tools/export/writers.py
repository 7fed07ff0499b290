"""Writing export tables: CSV files (UTF-8) or one Excel workbook.

CSV files are written as UTF-8 with a byte order mark, because Excel for Windows opens a CSV file
without one in the system's legacy code page, which garbles accents, Vietnamese and Thai. pandas
and most other readers skip the mark.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd

from omt.errors import ConfigError
from omt.tools.export.submissions import ExportTables

log = logging.getLogger(__name__)

CSV_ENCODING = "utf-8-sig"
MAIN_SHEET = "Submissions"
# Excel limits a sheet name to 31 characters and rejects these characters in it.
MAX_SHEET_NAME = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60


def group_csv_path(out: Path, group: str) -> Path:
    """Return the file of one repeatable group beside the main file: `<out>_<group>.csv`."""
    return out.with_name(f"{out.stem}_{group}{out.suffix or '.csv'}")


def write_csv(tables: ExportTables, out: Path) -> list[Path]:
    """Write the main table to `out` and each repeatable group beside it; return the files written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = [out]
    tables.submissions.to_csv(out, index=False, encoding=CSV_ENCODING)
    for group, table in tables.groups.items():
        path = group_csv_path(out, group)
        table.to_csv(path, index=False, encoding=CSV_ENCODING)
        written.append(path)
    log.info("wrote %d CSV files, main file %s", len(written), out)
    return written


def write_xlsx(tables: ExportTables, out: Path) -> list[Path]:
    """Write one workbook: the sheet "Submissions", then one sheet per repeatable group."""
    try:
        import openpyxl  # noqa: F401  (pandas writes .xlsx files with openpyxl)
    except ImportError:
        raise ConfigError("writing .xlsx files needs openpyxl: run `pip install 'openpyxl>=3.1'`, "
                          "or export with --format csv") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    names = sheet_names([MAIN_SHEET, *tables.groups])
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, table in zip(names, [tables.submissions, *tables.groups.values()], strict=True):
            table.to_excel(writer, sheet_name=name, index=False)
            fit_columns(writer.sheets[name], table)
    log.info("wrote %s with %d sheets", out, len(names))
    return [out]


def sheet_names(wanted: list[str]) -> list[str]:
    """Return valid, unique sheet names for the wanted ones, shortened where needed."""
    names: list[str] = []
    for name in wanted:
        candidate = SHEET_NAME_FORBIDDEN.sub("_", name)[:MAX_SHEET_NAME]
        number = 2
        while candidate.lower() in (existing.lower() for existing in names):
            suffix = f" {number}"
            candidate = SHEET_NAME_FORBIDDEN.sub("_", name)[:MAX_SHEET_NAME - len(suffix)] + suffix
            number += 1
        names.append(candidate)
    return names


def fit_columns(sheet, table: pd.DataFrame) -> None:  # noqa: ANN001 (an openpyxl worksheet)
    """Widen each column to its longest cell, up to MAX_COLUMN_WIDTH, and keep the header in view."""
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns, start=1):
        longest = max([len(str(column)), *(len(str(value)) for value in table[column])])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_COLUMN_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"
