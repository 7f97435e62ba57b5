"""Niveles: needs by territorial level, level × domain, and institutions with priority and status.

Each chart takes the full width: side by side at 1280 px their labels would not fit.
"""
import streamlit as st

from analysis.fields import reference
from ui.panels import show
from ui.widgets import start_page

view = start_page("Necesidades por nivel territorial")

show("niveles", view)
st.caption("Consejos de desarrollo de cada nivel: " + " · ".join(f"{n}: {c}" for n, c in reference.NIVELES.items()) + ".")
show("nivel_ambito", view)

st.header("Instituciones responsables")
show("instituciones_prioridad", view)
show("instituciones_estado", view)
