"""What leaves the dashboard as a file: the deck's slides and words, the Excel report, CSV and Excel exports,
the workshop template, and file names that say what they hold.

The PowerPoint writer is imported by its path (`analysis.reports.powerpoint`) when a deck is asked for: with
python-pptx and lxml it costs about 0.1 s to load, which a first visit should not pay."""
from analysis.reports import deck
from analysis.reports.excel import report_bytes
from analysis.reports.exports import (
    EXPORT_COLUMNS,
    problems_frame,
    screen_frame,
    to_csv_bytes,
    to_xlsx_bytes,
    with_codes,
    with_themes,
    write_export,
)
from analysis.reports.naming import file_name
from analysis.reports.template import template_bytes

__all__ = ["EXPORT_COLUMNS", "deck", "file_name", "problems_frame", "report_bytes", "screen_frame", "template_bytes",
           "to_csv_bytes", "to_xlsx_bytes", "with_codes", "with_themes", "write_export"]
