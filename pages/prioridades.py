"""Prioridades: where to act first — how many needs wait in each place and ámbito, weighed by priority.

The score (`analysis.view.priority`) counts each pending need by the weight of its priority, as
declared in the field catalogue (campos.toml, [prioridad.pesos]).
"""
import streamlit as st

from analysis.presentation import insight_tables
from analysis.view import priority
from ui.panels import show
from ui.widgets import show_table, start_page

view = start_page("Dónde actuar primero")
st.caption(f"Puntaje = {priority.formula()}. En las tablas, cada columna de prioridad cuenta las necesidades "
           "pendientes (no atendidas) y Pendientes es su suma: el puntaje se rehace a mano con las columnas de su "
           "fila. Un clic en una celda del mapa filtra por ese departamento y ámbito.")

show("prioridad_mapa", view)

st.header("Las diez combinaciones con más puntaje")
show_table(insight_tables.act_first_table(view.needs))

st.header("Por ámbito")
show_table(insight_tables.priority_table(view.needs, "ambito", view.filters))
st.header("Por departamento")
show_table(insight_tables.priority_table(view.needs, "departamento", view.filters), height=320)
