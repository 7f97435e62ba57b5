"""Resumen: the headline figures and the charts that tell the story at a glance."""
import streamlit as st

from analysis.formatting import format_int, plural
from analysis.presentation.panels import lead_words
from analysis.view import aggregation
from ui.panels import show
from ui.widgets import metric_cards, start_page

view = start_page("Resumen de necesidades de seguridad")
top = view.shared("cifras", lambda: aggregation.headline(view.needs, view.total, view.index, view.filters))
lead = top.top_departamentos
theme, theme_count = next(iter(top.top_temas.items()), ("—", 0))
metric_cards([
    ("Necesidades en vista", format_int(top.shown), f"de {format_int(top.total)} registradas"),
    ("Departamentos con registros", f"{top.departamentos_cubiertos} de {top.departamentos_total}", ""),
    ("Departamento con más necesidades", lead.said if lead else "—", lead_words(lead)),
    ("Tema más frecuente", theme, plural(theme_count, "necesidad") if theme_count else ""),
])

left, right = st.columns(2)
with left:
    show("ambitos", view)
    show("niveles", view)
with right:
    show("departamentos", view)
show("temas", view)
st.caption("Los temas se reconocen por palabras clave en la descripción; una necesidad puede tener más de un tema.")
