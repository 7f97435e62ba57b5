"""The bundled synthetic sample: loaded into an empty store so a fresh install has something to show.

It is marked as sample data (`uploads.is_sample`); the first real upload hides it
(see `Store.add_upload`), and the analyst can remove or restore it at any time.
"""

from analysis import PROJECT
from analysis.store.database import Store

SAMPLE_PATH = PROJECT / "data" / "muestra_necesidades.xlsx"


def ensure_sample(store: Store) -> bool:
    """Load the sample if the store has never held an upload; True when it was loaded now."""
    if not store.uploads().empty:
        return False
    from analysis.ingest.importer import import_file  # the reading machinery loads only when a file is read
    report = import_file(store, SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name, is_sample=True, user="sistema")
    return report.status == "imported"
