"""The numbers behind a drawn chart as a plain table with Spanish headers («Ver datos» beside every chart).

A picture alone shuts out whoever cannot see it and whoever wants to check a bar: the same numbers the chart
was drawn from (Drawn.data, also the source of the native PowerPoint charts) are offered as text, minus the
columns only the drawing needs (map codes, group ids).
"""
import pandas as pd

from analysis import fields
from analysis.formatting import format_decimal

# Columns that only place or group marks: no reader needs them.
DRAWING_ONLY = ("codigo", "en_filtro", "grupo", "lista_departamentos", "redacciones")
HEADERS = {"necesidades": "Necesidades", "porcentaje": "Porcentaje", "tema": "Tema", "periodo": "Periodo",
           "cambio": "Cambio", "situacion": "Situación", "poblacion": "Población",
           "por_100k": "Por 100 000 habitantes", "necesidad": "Necesidad", "departamentos": "Departamentos",
           "eventos": "Eventos"}


def chart_table(data: pd.DataFrame, sides: tuple[str, str] | None = None) -> pd.DataFrame:
    """`data` as a reader's table: its index as a first column, Spanish headers, percentages and rates written
    out; the two sides of a comparison («antes», «despues») named as the page names them (`sides`)."""
    frame = data.reset_index() if data.index.name else data.reset_index(drop=True)
    frame = frame.drop(columns=[c for c in DRAWING_ONLY if c in frame.columns]).rename_axis(columns=None)
    if "porcentaje" in frame:
        frame["porcentaje"] = [f"{format_decimal(v)} %" for v in frame["porcentaje"]]
    if "por_100k" in frame:
        frame["por_100k"] = [format_decimal(v) for v in frame["por_100k"]]
    names = dict(zip(("antes", "despues"), sides or ("Antes", "Después")))
    return frame.rename(columns=lambda c: names.get(c) or HEADERS.get(c) or fields.label(c))
