"""Ámbitos: the four security domains — breakdowns, department × domain, most frequent needs, institutions."""
import streamlit as st

from analysis import aggregation, charts
from analysis.formatting import format_int
from analysis.reference import AMBITOS
from ui.widgets import chart, start_page

view = start_page("Necesidades por ámbito de seguridad")
needs = view.needs

left, right = st.columns([2, 3])
with left:
    chart(charts.ambito_bars(aggregation.count_by(needs, "ambito", keep_order=True)), "ambitos_barras")
with right:
    chart(charts.heatmap(aggregation.crosstab(needs, "departamento", "ambito"),
                         "Departamento × ámbito", "Ámbito", "Departamento", fields=("departamento", "ambito")),
          "ambitos_mapa_calor")

st.subheader("Necesidades más frecuentes en cada ámbito")
columns = st.columns(2)
for index, ambito in enumerate(AMBITOS):
    inside = needs[needs["ambito"] == ambito]
    with columns[index % 2]:
        st.markdown(f"<h4 style='color:{charts.AMBITO_COLORS[ambito]}'>{ambito} · {format_int(len(inside))}</h4>",
                    unsafe_allow_html=True)
        ranked = aggregation.top_needs(inside, 8, view.index)
        if ranked.empty:
            st.caption("Sin necesidades con los filtros actuales.")
        else:
            st.dataframe(ranked, hide_index=True, width="stretch", column_config={
                "necesidad": st.column_config.TextColumn("Necesidad", width="large"),
                "necesidades": st.column_config.NumberColumn("Veces", format="localized")})

st.subheader("Instituciones responsables")
by_ambito = aggregation.crosstab(needs[needs["institucion"] != ""], "institucion", "ambito")
top_institutions = by_ambito.sum(axis=1).sort_values(ascending=False).head(15).index
chart(charts.stacked_bars(by_ambito.loc[top_institutions], "Necesidades por institución y ámbito",
                          charts.AMBITO_COLORS), "ambitos_instituciones", clickable=False)
