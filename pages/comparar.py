"""Comparar: two workshops (events) or two periods side by side — what each has, what is new,
what disappeared and what grew — and the needs over time.

«The same need» is the same recurring-need group of the text index, so a need reworded in
the second workshop is not counted as new. Both sets are taken from the needs in view: the
sidebar filters (an ámbito, a región…) narrow both.
"""
import datetime as dt

import streamlit as st

from analysis.formatting import format_int, plural
from analysis.presentation import insight_tables
from analysis.view import comparison
from ui.panels import show
from ui.widgets import metric_cards, show_table, start_page

MODES = {comparison.BY_EVENT: "Dos eventos", comparison.BY_PERIOD: "Dos periodos"}

view = start_page("Comparar eventos o periodos")
mode = st.segmented_control("Comparar", list(MODES), format_func=MODES.get, default=comparison.BY_EVENT, key=comparison.CHOICE_BY,
                            required=True, bind="query-params")


def choose_events() -> dict[str, str] | None:
    events = comparison.events_in_order(view.needs)
    if len(events) < 2:
        st.info("Hacen falta necesidades de al menos dos eventos en vista para compararlos. Amplíe los filtros o "
                "compare dos periodos.", icon=":material/info:")
        return None
    left, right = st.columns(2)
    first = left.selectbox("Primer evento", events, index=len(events) - 2, key=comparison.CHOICE_A, bind="query-params")
    second = right.selectbox("Segundo evento", [e for e in events if e != first], index=None, key=comparison.CHOICE_B,
                             bind="query-params", placeholder=events[-1] if events[-1] != first else events[-2])
    second = second or (events[-1] if events[-1] != first else events[-2])
    return {comparison.CHOICE_BY: comparison.BY_EVENT, comparison.CHOICE_A: first, comparison.CHOICE_B: second}


def choose_periods() -> dict[str, str] | None:
    dates = view.needs["fecha"].dropna()
    if dates.empty:
        st.info("Las necesidades en vista no tienen fecha: compare dos eventos.", icon=":material/info:")
        return None
    first, last = dates.min().date(), dates.max().date()
    middle = first + (last - first) / 2
    left, right = st.columns(2)
    periods = []
    for column, label, default, key in ((left, "Primer periodo", (first, middle), "periodo_a"),
                                        (right, "Segundo periodo", (middle + dt.timedelta(days=1), last), "periodo_b")):
        chosen = column.date_input(label, value=default, min_value=first, max_value=last, key=key, format="DD/MM/YYYY",
                                    bind="query-params")
        if len(chosen) != 2:
            column.caption("Elija la fecha final del periodo.")
            return None
        periods.append(comparison.period_choice(*chosen))
    return {comparison.CHOICE_BY: comparison.BY_PERIOD, comparison.CHOICE_A: periods[0], comparison.CHOICE_B: periods[1]}


choices = choose_events() if mode == comparison.BY_EVENT else choose_periods()
sides = view.context(choices).sides if choices else None
if sides is not None:
    changes = insight_tables.changes_table(sides, view.index)
    counted = insight_tables.situation_counts(changes)
    metric_cards([
        (sides.antes, format_int(len(sides.before)), "necesidades"),
        (sides.despues, format_int(len(sides.after)), "necesidades"),
        ("Necesidades nuevas", format_int(counted[comparison.NEW]), "solo en el segundo"),
        ("Desaparecieron", format_int(counted[comparison.GONE]), "solo en el primero"),
    ])
    st.caption(f"{plural(counted[comparison.GREW], 'necesidad creció', 'necesidades crecieron')}, "
               f"{plural(counted[comparison.FELL], 'bajó', 'bajaron')} y "
               f"{plural(counted[comparison.SAME], 'sigue igual', 'siguen igual')} (aparecen más, menos o las mismas "
               "veces en el segundo).")
    if sides.before.empty or sides.after.empty:
        st.warning("Uno de los dos no tiene necesidades con los filtros actuales.", icon=":material/warning:")
    show("comparar_ambitos", view, choices)
    show("comparar_departamentos", view, choices)
    show("comparar_temas", view, choices)
    st.header("Qué cambió")
    st.caption("Cada necesidad cuenta como la misma aunque se haya escrito con otras palabras (necesidades "
               f"recurrentes). {plural(len(changes), 'necesidad distinta', 'necesidades distintas')}; primero las "
               "nuevas, luego las que crecieron, bajaron, siguen igual y desaparecieron.")
    show_table(changes, height=380, column_config={"Necesidad": st.column_config.TextColumn(width="large")})

st.header("Línea de tiempo")
by = st.segmented_control("Agrupar por", ["mes", "evento"], format_func={"mes": "Mes", "evento": "Evento"}.get,
                          default="mes", key=comparison.CHOICE_TIMELINE, required=True,
                          bind="query-params")
show("linea_tiempo", view, {comparison.CHOICE_TIMELINE: by})
