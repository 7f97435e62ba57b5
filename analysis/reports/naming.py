"""Names for downloaded files that say what they hold: `necesidades_Peten_2026-11-24.xlsx`.

Built from the view (the filters in short) and the day, in plain ASCII so every
operating system, mail server and USB stick keeps them intact.
"""
import datetime as dt
import re
import unicodedata

from analysis import fields
from analysis.store import times
from analysis.view.filters import Filters

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
MAX_VIEW = 60


def slug(text: str) -> str:
    """«Gestión de Riesgos» -> «Gestion-de-Riesgos»."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", ascii_text).strip("-")


def view_slug(filters: Filters) -> str:
    """The filters in a few words: «Peten_Seguridad-Interior», «3-departamentos», «" for no filter."""
    parts = []
    for key, values in filters.chosen:
        parts.append(slug(values[0] or "sin-especificar") if len(values) == 1
                     else f"{len(values)}-{slug(fields.get(key).plural)}")
    if filters.desde:
        parts.append(f"desde-{filters.desde.isoformat()}")
    if filters.hasta:
        parts.append(f"hasta-{filters.hasta.isoformat()}")
    if filters.texto:
        parts.append(f"buscar-{slug(filters.texto)}")
    joined = "_".join(p for p in parts if p)
    return joined[:MAX_VIEW].rstrip("-_")


def file_name(prefix: str, filters: Filters, extension: str, today: dt.date | None = None) -> str:
    """«necesidades_Peten_2026-11-24.xlsx»; `prefix` says what the file is, the day is Guatemala's."""
    today = today or times.today()
    return "_".join(p for p in (prefix, view_slug(filters), today.isoformat()) if p) + f".{extension}"
