"""Tables into stored needs: validate every row, let the analyst correct what was rejected and decide how the
file is read, account for everything that is not a need, and store a file all or nothing (read in a sandboxed
child process); the preview's figures and the bundled sample."""
from analysis.ingest import preview
from analysis.ingest.corrections import Rejected, rejected_values, with_correction
from analysis.ingest.importer import (
                                      DUPLICATE,
                                      IMPORTED,
                                      REJECTED,
                                      STATED_FIELDS,
                                      Analysis,
                                      Choices,
                                      ImportReport,
                                      analyse_file,
                                      duplicate_report,
                                      import_file,
                                      overlap_message,
                                      sha256_of,
                                      store_analysis,
)
from analysis.ingest.problems import CORRECTION, ERROR, KINDS, NOTE, WARNING, Problem
from analysis.ingest.sample import SAMPLE_PATH, ensure_sample
from analysis.ingest.sandbox import warm_up
from analysis.reading import FileRefused, MissingColumns

__all__ = ["CORRECTION", "DUPLICATE", "ERROR", "IMPORTED", "KINDS", "NOTE", "REJECTED", "SAMPLE_PATH", "STATED_FIELDS",
           "WARNING",
           "Analysis", "Choices", "FileRefused", "ImportReport", "MissingColumns", "Problem", "Rejected",
           "analyse_file", "duplicate_report", "ensure_sample", "import_file", "overlap_message", "preview",
           "rejected_values", "sha256_of", "store_analysis", "warm_up", "with_correction"]
