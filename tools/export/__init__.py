"""Exports of the store as tables that open in a spreadsheet: CSV files or one Excel workbook.

Modules, one per concept:

- `labels`: readable column names from form definitions, or from the stored keys;
- `submissions`: the placements chosen, one row per submission, and the repeatable groups;
- `surveys`: survey responses as one row per response, or one row per problem ticked;
- `writers`: writing the tables as CSV files or as an Excel workbook.
"""

from omt.tools.export.submissions import ExportTables, export_tables, select_placements
from omt.tools.export.surveys import problems_frame, responses_frame
from omt.tools.export.writers import write_csv, write_xlsx

__all__ = ["ExportTables", "export_tables", "problems_frame", "responses_frame", "select_placements",
           "write_csv", "write_xlsx"]
