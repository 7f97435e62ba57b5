"""The sequence of slides and their words, shared by the PowerPoint and the presentation mode.

Both show the same slides in the same order, declared once in `SLIDES`: a cover, one
slide per key panel (its takeaway as the title), and a closing slide on the method. A
panel that tells nothing in the view is left out, or the level below stands in for it
(`STANDS_IN`), so a filtered deck never shows a single bar or «1 de 1 departamentos». The
words of the cover and the method live here once.
"""
from dataclasses import dataclass

import pandas as pd

from analysis.formatting import format_date, format_datetime, format_day, format_int, plural
from analysis.presentation.panels import PANELS, Context
from analysis.presentation.provenance import Provenance

TITLE = "Necesidades de seguridad identificadas a nivel local"
COVER, METHOD = "portada", "metodo"
METHOD_TITLE = "Método y fuentes"
METHOD_NOTES = (
    "Cada necesidad es una fila de una hoja de cálculo de un taller. Los lugares se reconocen con los códigos y "
    "nombres del INE; la región se deriva del departamento (Decreto 70-86). Los ámbitos son los del Decreto "
    "18-2008 y los niveles, los de los consejos de desarrollo (Decreto 11-2002).",
    "Los temas se reconocen por palabras clave en la descripción. «Sin registros» indica que ningún taller reportó "
    "necesidades en ese lugar con los filtros elegidos, no que no haya problemas.",
)


# Every slide the deck can have, in order: the cover, panels of the catalogue (analysis.presentation.panels), the method.
SLIDES = (COVER, "ambitos", "departamentos", "municipios", "mapa_departamentos", "mapa_municipios", "regiones",
          "niveles", "departamento_ambito", "municipio_ambito", "nivel_ambito", "temas", "instituciones_ambito",
          "instituciones_prioridad", "instituciones_estado", "necesidades_frecuentes", METHOD)
# The level below: a slide shown only when the one it stands in for tells nothing in the view (one departamento:
# its municipios). One ámbito already has its themes and institutions, one región its departamentos.
STANDS_IN = {"municipios": "departamentos", "mapa_municipios": "mapa_departamentos",
             "municipio_ambito": "departamento_ambito"}


@dataclass(frozen=True)
class Slide:
    key: str  # "portada", a panel key, or "metodo"


def slides(context: Context) -> list[Slide]:
    """The slides for a view, in order: every panel that tells something under its filters
    (`Panel.tells_something`), a panel of the level below where the one above tells nothing."""
    told: dict[str, bool] = {}

    def tells(key: str) -> bool:
        if key not in told:
            told[key] = PANELS[key].tells_something(context)
        return told[key]

    panels = [key for key in SLIDES[1:-1] if (key not in STANDS_IN or not tells(STANDS_IN[key])) and tells(key)]
    return [Slide(key) for key in (COVER, *panels, METHOD)]


def cover_lines(provenance: Provenance) -> list[str]:
    """The cover's lines under the title: date, counts and every active filter."""
    head = (f"{format_day(provenance.generated)} · datos al {format_date(provenance.cutoff) or '—'} · "
            f"{format_int(provenance.shown)} de {format_int(provenance.total)} necesidades")
    filters = provenance.filters.describe() or [("Filtros", "ninguno: todas las necesidades")]
    return [head, *(f"{label}: {value}" for label, value in filters)]


def sources_line(provenance: Provenance, most: int = 6) -> str:
    recent = provenance.sources[-most:]
    more = len(provenance.sources) - len(recent)
    listed = "; ".join(f"{s.filename} (cargado el {format_day(s.uploaded_at)})" for s in recent)
    return f"Fuentes: {listed}" + (f"; y {plural(more, 'archivo')} más" if more else "") if recent else "Fuentes: —"


def method_lines(uploads: pd.DataFrame, most: int = 8) -> list[str]:
    """What the numbers rest on: files, needs kept, rows rejected, then each recent file."""
    visible = uploads[uploads["deleted_at"].isna()] if len(uploads) else uploads
    lines = [f"{plural(len(visible), 'archivo cargado', 'archivos cargados')}: "
             f"{plural(int(visible['rows_imported'].sum()), 'necesidad guardada', 'necesidades guardadas')}, "
             f"{plural(int(visible['rows_rejected'].sum()), 'fila rechazada', 'filas rechazadas')} (no se pudieron "
             f"leer o ubicar) y {plural(int(visible['rows_warned'].sum()), 'fila guardada', 'filas guardadas')} "
             "con advertencias."]
    for row in visible.sort_values("uploaded_at").tail(most).itertuples():
        lines.append(f"• {row.filename}: {plural(int(row.rows_imported), 'necesidad')}, "
                     f"{plural(int(row.rows_rejected), 'fila rechazada', 'filas rechazadas')} — cargado el "
                     f"{format_datetime(row.uploaded_at)} por {row.uploaded_by}")
    return lines
