"""The shared sidebar: filters bound to the URL, their summary, reset, and cross-filter undo.

Each filter widget's key is also its query parameter, so a copied link reopens
the same view. Cross-filtering (a click on a chart) goes through `narrow`, which
keeps the previous filters on an undo stack.
"""
import datetime as dt
import html

import pandas as pd
import streamlit as st

from analysis import reference
from analysis.aggregation import ORDERS
from analysis.filters import Filters, departamento_options, municipio_options
from analysis.formatting import format_int

# Filters field -> (widget key = query parameter, label)
WIDGETS = {
    "regiones": ("region", "Región"),
    "departamentos": ("departamento", "Departamento"),
    "municipios": ("municipio", "Municipio"),
    "niveles": ("nivel", "Nivel"),
    "ambitos": ("ambito", "Ámbito"),
    "prioridades": ("prioridad", "Prioridad"),
    "eventos": ("evento", "Evento"),
}
DATE_KEYS = {"desde": "Desde", "hasta": "Hasta"}
SEARCH_KEY = "buscar"
_UNDO = "_filtros_anteriores"
_UNDO_DEPTH = 20
ALL_KEYS = [key for key, _ in WIDGETS.values()] + list(DATE_KEYS) + [SEARCH_KEY]


def _defaults() -> dict:
    return {**{key: [] for key, _ in WIDGETS.values()}, **{key: None for key in DATE_KEYS}, SEARCH_KEY: ""}


def _snapshot() -> dict:
    defaults = _defaults()
    return {key: st.session_state.get(key, defaults[key]) for key in ALL_KEYS}


def _restore(values: dict) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def _remember() -> None:
    """Push the current filters on the undo stack (the last _UNDO_DEPTH are kept)."""
    stack = st.session_state.setdefault(_UNDO, [])
    stack.append(_snapshot())
    del stack[:-_UNDO_DEPTH]


def reset() -> None:
    """Back to all needs (kept undoable)."""
    _remember()
    _restore(_defaults())


def undo() -> None:
    if st.session_state.get(_UNDO):
        _restore(st.session_state[_UNDO].pop())


def narrow(selection: dict[str, list[str]]) -> None:
    """Set filters to the values clicked on a chart ({field: values}), remembering the filters before."""
    changes = {WIDGETS[f][0]: sorted(set(v)) for f, v in selection.items()
               if v and sorted(st.session_state.get(WIDGETS[f][0], [])) != sorted(set(v))}
    if not changes:
        return
    _remember()
    for key, values in changes.items():
        st.session_state[key] = values
    said = " · ".join(f"{WIDGETS[f][1]}: {', '.join(v)}" for f, v in selection.items() if v)
    st.toast(f"Filtro aplicado — {said}. Use «Deshacer» para volver.", icon=":material/filter_alt:")


def _multiselect(field: str, options: list[str], **kwargs) -> tuple[str, ...]:
    key, label = WIDGETS[field]
    if key in st.session_state:  # options narrowed since (e.g. another región): drop what no longer fits
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.multiselect(label, options, key=key, bind="query-params", placeholder="Todos", **kwargs)
    return tuple(chosen)


def _present_or_reference(needs: pd.DataFrame, column: str, values) -> list[str]:
    """Reference values in order, plus «Sin especificar» when some need has it."""
    present = set(needs[column].unique())
    return [v for v in ORDERS[column] if v in values or v in present]


def filters_sidebar(needs: pd.DataFrame, search_keys: pd.Series) -> tuple[Filters, pd.DataFrame]:
    """Draw the filters in the sidebar; return them and the needs they select."""
    sidebar = st.sidebar
    with sidebar:
        counter = st.container()
        st.markdown("### Filtros")
        regiones = _multiselect("regiones", list(reference.REGIONES))
        departamentos = _multiselect("departamentos", departamento_options(needs, regiones))
        municipios = _multiselect("municipios", municipio_options(needs, departamentos),
                                  help="Solo los municipios con necesidades registradas en los departamentos elegidos.")
        niveles = _multiselect("niveles", _present_or_reference(needs, "nivel", reference.NIVELES))
        ambitos = _multiselect("ambitos", _present_or_reference(needs, "ambito", reference.AMBITOS))
        prioridades = _multiselect("prioridades", list(reference.PRIORIDADES))
        eventos = _multiselect("eventos", sorted(v for v in needs["evento"].unique() if v))
        fechas = pd.to_datetime(needs["fecha"], errors="coerce").dropna()
        first = fechas.min().date() if len(fechas) else dt.date(2017, 1, 1)
        last = fechas.max().date() if len(fechas) else dt.date.today()
        left, right = st.columns(2)
        desde = left.date_input("Desde", value=None, min_value=first, max_value=last, key="desde",
                                bind="query-params", format="DD/MM/YYYY")
        hasta = right.date_input("Hasta", value=None, min_value=first, max_value=last, key="hasta",
                                 bind="query-params", format="DD/MM/YYYY")
        texto = st.text_input("Buscar en las descripciones", key=SEARCH_KEY, bind="query-params",
                              placeholder="p. ej. extorsión", help="Sin importar tildes ni mayúsculas.")
    filters = Filters(regiones, departamentos, municipios, niveles, ambitos, prioridades, eventos, desde, hasta,
                      texto or "")
    shown = filters.apply(needs, search_keys)
    with counter:
        st.markdown(f"<div class='conteo'><b>{format_int(len(shown))}</b> de {format_int(len(needs))} necesidades"
                    f"</div><div class='resumen-filtros'>{html.escape(filters.summary())}</div>",
                    unsafe_allow_html=True)
        st.session_state.setdefault(_UNDO, [])
        buttons = st.columns(2)
        buttons[0].button("Limpiar", on_click=reset, disabled=not filters.active, icon=":material/filter_alt_off:",
                          width="stretch", help="Quita todos los filtros.")
        buttons[1].button("Deshacer", on_click=undo, disabled=not st.session_state[_UNDO],
                          icon=":material/undo:", width="stretch", help="Vuelve a los filtros anteriores.")
    return filters, shown
