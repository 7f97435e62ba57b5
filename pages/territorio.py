"""Territorio: the map of Guatemala by departamento, the regions, and a drill-down to municipios.

Places with no needs recorded are drawn apart: they show where no workshop
reported (a coverage gap), not places without problems.
"""
import streamlit as st

from analysis import aggregation, charts, geo
from analysis.formatting import format_int, plural
from analysis.reference import AMBITOS, departamentos
from ui.widgets import chart, start_page

ALL = "Todas las necesidades"

view = start_page("Necesidades en el territorio")

needs = view.needs
scope = st.segmented_control("Colorear el mapa por", [ALL, *AMBITOS], default=ALL, key="mapa_ambito",
                             required=True)
in_scope = needs if scope == ALL else needs[needs["ambito"] == scope]
label = "necesidades" if scope == ALL else f"necesidades de {scope}"

by_depto = aggregation.coverage(in_scope)
left, right = st.columns([3, 2])
with left:
    chart(charts.choropleth(by_depto, geo.departamentos_geojson(), "departamento",
                            f"{label.capitalize()} por departamento", value_label="necesidades",
                            field="departamento"), "territorio_mapa")
    missing = by_depto.loc[by_depto["necesidades"] == 0, "departamento"].tolist()
    if missing:
        st.markdown(f"**Sin registros ({len(missing)}):** {', '.join(missing)}. "
                    "<span class='lista-vacios'>Ningún taller reportó necesidades aquí con los filtros actuales; "
                    "no significa que no haya problemas.</span>", unsafe_allow_html=True)
with right:
    chart(charts.bar_counts(aggregation.count_by(in_scope, "region", keep_order=True), "region",
                            f"{label.capitalize()} por región", sort=False, field="region"), "territorio_regiones")

st.subheader("Municipios de un departamento")
names = list(departamentos().values())
chosen = view.filters.values("departamento")[0] if len(view.filters.values("departamento")) == 1 else None
busiest = by_depto.sort_values("necesidades", ascending=False, kind="stable")["departamento"].iloc[0]
default = names.index(chosen if chosen in names else busiest)
departamento = st.selectbox("Departamento", names, index=default, key="mapa_departamento")
by_muni = aggregation.municipio_coverage(in_scope, departamento)
code = {v: k for k, v in departamentos().items()}[departamento]
inside = in_scope[in_scope["departamento"] == departamento]
without_muni = int((inside["municipio"] == "").sum())
left, right = st.columns([3, 2])
with left:
    chart(charts.choropleth(by_muni, geo.municipios_geojson(code), "municipio",
                            f"{departamento}: {label} por municipio", height=520, field="municipio",
                            extra={"departamento": departamento}),
          "territorio_municipios")
with right:
    st.metric(f"Necesidades en {departamento}", format_int(len(inside)), border=True)
    covered = int((by_muni["necesidades"] > 0).sum())
    st.markdown(f"**{covered} de {len(by_muni)} municipios** con necesidades registradas.")
    if without_muni:
        verb = "no indica municipio y no aparece" if without_muni == 1 else "no indican municipio y no aparecen"
        st.markdown(f"{plural(without_muni, 'necesidad')} de {departamento} {verb} en este mapa.")
    empty = by_muni.loc[by_muni["necesidades"] == 0, "municipio"].tolist()
    if empty:
        st.markdown(f"**Sin registros:** {', '.join(empty)}.")
