"""Explorar: the needs in view as a table, with provenance, and downloads of exactly what is shown."""
import math

import streamlit as st

from analysis.exports import EXPORT_COLUMNS, export_frame, to_csv_bytes, to_xlsx_bytes, with_codes
from analysis.formatting import format_int
from ui.widgets import start_page

LABELS = {"departamento": "Departamento", "municipio": "Municipio", "region": "Región", "nivel": "Nivel",
          "ambito": "Ámbito", "necesidad": "Necesidad", "prioridad": "Prioridad", "institucion": "Institución",
          "evento": "Evento", "fecha": "Fecha", "estado": "Estado", "archivo": "Archivo", "hoja": "Hoja",
          "fila": "Fila", "codigo_departamento": "Código INE del departamento",
          "codigo_municipio": "Código INE del municipio"}
DEFAULT_COLUMNS = ["departamento", "municipio", "nivel", "ambito", "necesidad", "prioridad", "institucion", "fecha",
                   "archivo", "fila"]

view = start_page("Explorar las necesidades")

controls = st.columns([4, 2, 1, 1])
columns = controls[0].multiselect("Columnas", list(EXPORT_COLUMNS), default=DEFAULT_COLUMNS, key="tabla_columnas",
                                  format_func=LABELS.get) or DEFAULT_COLUMNS
sort_by = controls[1].selectbox("Ordenar por", list(EXPORT_COLUMNS), index=0, key="tabla_orden",
                                format_func=LABELS.get)
descending = controls[2].toggle("Descendente", key="tabla_desc")
page_size = controls[3].selectbox("Filas por página", [25, 50, 100, 500], index=1, key="tabla_filas")

rows = with_codes(view.needs).sort_values([sort_by, "archivo", "hoja", "fila"],
                                          ascending=[not descending, True, True, True], kind="stable",
                                          na_position="last")
pages = max(1, math.ceil(len(rows) / page_size))
page = st.columns([1, 5])[0].number_input(f"Página (de {format_int(pages)})", min_value=1, max_value=pages, value=1,
                                         step=1, key="tabla_pagina")
start = (page - 1) * page_size
st.dataframe(
    rows.iloc[start:start + page_size][columns], hide_index=True, width="stretch",
    height=min(40 + 35 * min(page_size, len(rows) - start), 760),
    column_config={name: st.column_config.Column(LABELS[name]) for name in columns} | {
        "fecha": st.column_config.DateColumn("Fecha", format="DD/MM/YYYY"),
        "necesidad": st.column_config.TextColumn("Necesidad", width="large"),
        "fila": st.column_config.NumberColumn("Fila", format="plain"),
    },
)
st.caption(f"Filas {format_int(start + 1)}–{format_int(min(start + page_size, len(rows)))} de "
           f"{format_int(len(rows))}. Cada fila indica su archivo, hoja y fila de origen.")

left, right, _ = st.columns([1, 1, 3])
# Files are built only when a button is clicked: a 100,000-row workbook takes seconds.
left.download_button("Descargar Excel", lambda: to_xlsx_bytes(export_frame(rows, columns)),
                     file_name="necesidades.xlsx", icon=":material/download:", on_click="ignore",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
right.download_button("Descargar CSV", lambda: to_csv_bytes(export_frame(rows, columns)), file_name="necesidades.csv",
                      mime="text/csv", icon=":material/download:", on_click="ignore", width="stretch")
st.caption("Las descargas contienen todas las filas filtradas (todas las páginas), con las columnas y el orden "
           "elegidos.")
