"""Niveles: needs by territorial level, level × domain, and institutions with priority and status."""
import streamlit as st

from analysis.reference import NIVELES
from ui.panels import show
from ui.widgets import start_page

view = start_page("Necesidades por nivel territorial")

left, right = st.columns([2, 3])
with left:
    show("niveles", view)
    st.caption(" · ".join(f"{nivel}: {consejo}" for nivel, consejo in NIVELES.items()))
with right:
    show("nivel_ambito", view)

st.subheader("Instituciones responsables")
left, right = st.columns(2)
with left:
    show("instituciones_prioridad", view)
with right:
    show("instituciones_estado", view)
