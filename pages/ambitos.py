"""Ámbitos: the four security domains — breakdowns, department × domain, most frequent needs, institutions.

Each chart takes the full width: side by side at 1280 px their labels would not fit.
"""
import streamlit as st

from analysis.formatting import format_int
from analysis.presentation import charts
from analysis.view import aggregation
from ui.panels import show
from ui.widgets import show_table, start_page

view = start_page("Necesidades por ámbito de seguridad")

show("ambitos", view)
show("departamento_ambito", view)

st.header("Necesidades más frecuentes en cada ámbito")
columns = st.columns(2)
for position, (ambito, ranked, count) in enumerate(aggregation.top_needs_by(view.needs, "ambito", view.filters,
                                                                            8, view.index)):
    with columns[position % 2]:
        st.markdown(f"<h3 style='color:{charts.AMBITO_COLORS.get(ambito, charts.BAR_COLOR)}'>"
                    f"{ambito} · {format_int(count)}</h3>", unsafe_allow_html=True)
        if ranked.empty:
            st.caption("Sin necesidades con los filtros actuales.")
        else:
            show_table(ranked.rename(columns={"necesidad": "Necesidad", "necesidades": "Veces"}),
                       column_config={"Necesidad": st.column_config.TextColumn(width=300),
                                      "Veces": st.column_config.NumberColumn(format="localized")})

st.header("Instituciones responsables")
show("instituciones_ambito", view)
