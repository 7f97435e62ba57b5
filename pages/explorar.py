"""Explorar: the needs in view as a table, with provenance, and downloads of exactly what is shown.

The columns, order, page size and page are part of the link, so a copied address
reopens the same table.
"""
import math

import streamlit as st

from analysis import fields
from analysis.formatting import format_int
from analysis.reports import (
    EXPORT_COLUMNS,
    file_name,
    report_bytes,
    screen_frame,
    to_csv_bytes,
    with_codes,
    with_themes,
)
from analysis.view import sort_needs
from ui import auth
from ui.theme_detail import theme_detail
from ui.widgets import start_page

DEFAULT_COLUMNS = [f.key for f in fields.all_fields().values() if f.explore]
PAGE_SIZES = [25, 50, 100, 500]

view = start_page("Explorar las necesidades")

controls = st.columns([4, 2, 1, 1], vertical_alignment="bottom")
columns = controls[0].multiselect("Columnas", list(EXPORT_COLUMNS), default=DEFAULT_COLUMNS, key="columnas",
                                  format_func=fields.label, bind="query-params", placeholder="Elija columnas")
columns = columns or DEFAULT_COLUMNS
sort_by = controls[1].selectbox("Ordenar por", list(EXPORT_COLUMNS), index=0, key="orden", format_func=fields.label,
                                bind="query-params")
descending = controls[2].toggle("Descendente", key="desc", bind="query-params")
page_size = controls[3].selectbox("Filas por página", PAGE_SIZES, index=1, key="filas", bind="query-params")

rows = sort_needs(with_codes(view.needs), sort_by, descending)
pages = max(1, math.ceil(len(rows) / page_size))
page = st.columns([1, 5])[0].number_input(f"Página (de {format_int(pages)})", min_value=1, max_value=pages, value=1,
                                         step=1, key="pagina", bind="query-params")
start = (page - 1) * page_size
shown = rows.iloc[start:start + page_size][columns]
st.dataframe(
    shown, hide_index=True, width="stretch", height=min(40 + 35 * len(shown), 760),
    column_config={name: st.column_config.Column(fields.label(name)) for name in columns} | {
        "fecha": st.column_config.DateColumn("Fecha", format="DD/MM/YYYY"),
        "necesidad": st.column_config.TextColumn("Necesidad", width="large"),
        "fila": st.column_config.NumberColumn("Fila", format="%d"),
    },
)
st.caption(f"Filas {format_int(start + 1)}–{format_int(min(start + page_size, len(rows)))} de "
           f"{format_int(len(rows))}. Cada fila indica su archivo, hoja y fila de origen.")

if len(shown):
    chosen = st.selectbox("Ver por qué una necesidad tiene sus temas", list(shown.index), key="detalle_necesidad",
                          format_func=lambda i: f"Fila {format_int(start + 1 + shown.index.get_loc(i))} · "
                                                f"{view.needs.at[i, 'necesidad']}")
    theme_detail(view, view.needs.loc[[chosen]], "corregir_necesidad")

left, right, _ = st.columns([1, 1, 3])
# Files are built only when a button is clicked: a 100,000-row workbook takes seconds.
excel, csv = (file_name("necesidades", view.filters, kind) for kind in ("xlsx", "csv"))
left.download_button("Descargar Excel", auth.recorded(excel, lambda: report_bytes(with_themes(rows, view.index.temas),
                                                                                view.provenance(), columns),
                                                      filas=len(rows)),
                     file_name=excel, icon=":material/download:",
                     on_click="ignore", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     width="stretch")
right.download_button("Descargar CSV", auth.recorded(csv, lambda: to_csv_bytes(screen_frame(with_themes(
                          rows, view.index.temas), columns)),
                                                     filas=len(rows)),
                      file_name=csv, mime="text/csv",
                      icon=":material/download:", on_click="ignore", width="stretch")
st.caption("Las descargas contienen todas las filas filtradas (todas las páginas), con las columnas y el orden "
           "elegidos. El Excel lleva además una portada con los filtros, las fuentes y la fecha de corte, y hojas "
           "de resumen por departamento, ámbito y nivel.")
