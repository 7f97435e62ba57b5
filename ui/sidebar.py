"""The shared sidebar: filters bound to the URL, their summary, reset, and undo of any change.

One widget per filter field of the catalogue; its key is also its query parameter, so
a copied link reopens the same view. Every change — a widget edited by hand, a click
on a chart (`narrow`), «Limpiar» — first pushes the filters as they were drawn on the
last run onto an undo stack, so «Deshacer» always goes one step back.
"""
import datetime as dt
import html

import pandas as pd
import streamlit as st

from analysis import fields
from analysis.formatting import format_int, plain
from analysis.store import times
from analysis.view import DATE_PARAMS, SEARCH_PARAM, Filters, all_params, filter_options
from analysis.view.shared import weigh
from ui import data

_UNDO = "_filtros_anteriores"
_DRAWN = "_filtros_dibujados"  # the filter widgets' values as of the last completed run
_UNDO_DEPTH = 20


def _defaults() -> dict:
    return {key: [] for key in all_params()} | {key: None for key in DATE_PARAMS} | {SEARCH_PARAM: ""}


def _restore(values: dict) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def _remember() -> None:
    """Push the filters as last drawn on the undo stack (the last _UNDO_DEPTH are kept)."""
    if _DRAWN not in st.session_state:
        return
    stack = st.session_state.setdefault(_UNDO, [])
    if not stack or stack[-1] != st.session_state[_DRAWN]:
        stack.append(dict(st.session_state[_DRAWN]))
    del stack[:-_UNDO_DEPTH]


def reset() -> None:
    """Back to all needs (kept undoable)."""
    _remember()
    _restore(_defaults())


def undo() -> None:
    if st.session_state.get(_UNDO):
        _restore(st.session_state[_UNDO].pop())


def narrow(selection: dict[str, list[str]]) -> None:
    """Set filters to the values clicked on a chart ({field key: values}), remembering the filters before."""
    changes = {key: sorted(set(values)) for key, values in selection.items()
               if values and sorted(st.session_state.get(key) or []) != sorted(set(values))}
    if not changes:
        return
    _remember()
    _restore(changes)
    said = " · ".join(f"{fields.label(key)}: {', '.join(values)}" for key, values in selection.items() if values)
    st.toast(f"Filtro aplicado — {plain(said)}. Use «Deshacer» para volver.", icon=":material/filter_alt:")


def _multiselect(field: fields.Field, options: list[str]) -> list[str]:
    key = field.key
    if key in st.session_state and st.session_state[key]:  # options narrowed since: drop what no longer fits
        kept = [v for v in st.session_state[key] if v in options]
        if kept != st.session_state[key]:
            st.session_state[key] = kept
    return st.multiselect(field.label, options, key=key, bind="query-params", persist_state="session",
                          placeholder="Todos", on_change=_remember)


def _span(needs: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The first and last dates recorded (or 2017 to today, when none is)."""
    fechas = needs["fecha"].dropna()
    return (fechas.min().date() if len(fechas) else dt.date(2017, 1, 1),
            fechas.max().date() if len(fechas) else times.today())


def _date_range(loaded: data.Loaded) -> tuple[dt.date | None, dt.date | None]:
    first, last = loaded.shared(("fechas", times.today()), lambda: _span(loaded.needs))
    columns = st.columns(2)
    return tuple(column.date_input(label, value=None, min_value=first, max_value=last, key=key, format="DD/MM/YYYY",
                                   bind="query-params", persist_state="session", on_change=_remember)
                 for column, (key, label) in zip(columns, DATE_PARAMS.items()))


def filters_sidebar(loaded: data.Loaded) -> tuple[Filters, pd.DataFrame]:
    """Draw the filters in the sidebar; return them and the needs they select (the text index's search keys and
    theme flags serve the text and theme filters). Options and selections are shared by every session."""
    needs, index = loaded.needs, loaded.index
    with st.sidebar:
        counter = st.container()
        st.markdown("## Filtros")
        chosen: dict[str, list[str]] = {}
        for field in fields.filter_fields():
            before = Filters.of(**chosen)
            options = loaded.shared(("opciones", field.key, before),
                                    lambda: filter_options(field.key, needs, before))  # noqa: B023 (called at once)
            chosen[field.key] = _multiselect(field, options)
        desde, hasta = _date_range(loaded)
        texto = st.text_input("Buscar en las descripciones", key=SEARCH_PARAM, bind="query-params",
                              persist_state="session", placeholder="p. ej. extorsión", on_change=_remember,
                              help="Sin importar tildes ni mayúsculas.")
    filters = Filters.of(desde=desde, hasta=hasta, texto=texto, **chosen)
    st.session_state[_DRAWN] = {**chosen, "desde": desde, "hasta": hasta, SEARCH_PARAM: texto}
    shown = loaded.shared(("vista", filters), lambda: filters.apply(needs, index.busqueda, index.temas),
                          weight=lambda frame: 0 if frame is needs else weigh(frame))  # all needs: held anyway
    with counter:
        st.markdown(f"<div class='conteo'><b>{format_int(len(shown))}</b> de {format_int(len(needs))} necesidades"
                    f"</div><div class='resumen-filtros'>{html.escape(filters.summary())}</div>",
                    unsafe_allow_html=True)
        buttons = st.columns(2)
        buttons[0].button("Limpiar", on_click=reset, disabled=not filters.active, icon=":material/filter_alt_off:",
                          width="stretch", help="Quita todos los filtros.")
        buttons[1].button("Deshacer", on_click=undo, disabled=not st.session_state.get(_UNDO),
                          icon=":material/undo:", width="stretch", help="Vuelve a los filtros anteriores.")
    return filters, shown
