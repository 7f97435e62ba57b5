"""Niveles: needs by territorial level, level × domain, and institutions with priority and status."""
import streamlit as st

from analysis import aggregation, charts
from analysis.reference import NIVELES
from ui.widgets import chart, start_page

view = start_page("Necesidades por nivel territorial")
needs = view.needs

left, right = st.columns([2, 3])
with left:
    chart(charts.bar_counts(aggregation.count_by(needs, "nivel", keep_order=True), "nivel",
                            "Necesidades por nivel", sort=False, field="nivel"), "niveles_barras")
    st.caption(" · ".join(f"{nivel}: {consejo}" for nivel, consejo in NIVELES.items()))
with right:
    chart(charts.heatmap(aggregation.crosstab(needs, "nivel", "ambito"), "Nivel × ámbito", "Ámbito", "Nivel",
                         fields=("nivel", "ambito")), "niveles_matriz")

st.subheader("Instituciones responsables")
left, right = st.columns(2)
for column, by, colors, title in ((left, "prioridad", charts.PRIORIDAD_COLORS, "por prioridad"),
                                  (right, "estado", charts.ESTADO_COLORS, "por estado de seguimiento")):
    table = aggregation.institution_breakdown(needs, by)
    with column:
        if table.empty:
            st.caption("Las necesidades en vista no indican institución responsable.")
        else:
            chart(charts.stacked_bars(table, f"Necesidades por institución, {title}", colors),
                  f"niveles_instituciones_{by}", clickable=False)
