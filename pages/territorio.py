"""Territorio: the map of Guatemala by departamento, the regions, and a drill-down to municipios.

Places with no needs recorded are drawn apart from places the filters leave out:
the first show where no workshop reported (a coverage gap, not an absence of
problems), the second are simply not in view.
"""
import streamlit as st

from analysis.fields import reference
from analysis.formatting import format_int, plural
from analysis.presentation import ALL, CHOICE_AMBITO, CHOICE_DEPARTAMENTO, default_departamento
from analysis.view import aggregation, population
from ui.panels import show
from ui.widgets import start_page

view = start_page("Necesidades en el territorio")
st.columns([2, 3])[0].selectbox("Colorear el mapa por", [ALL, *reference.AMBITOS], key=CHOICE_AMBITO,
                                bind="query-params")


def gap_lists(frame, column: str, places: str) -> None:
    """Say which places in view have no needs recorded, and which the filters leave out."""
    empty, outside = aggregation.gaps(frame, column)
    if empty:
        st.markdown(f"**Sin registros con los filtros actuales ({len(empty)}):** {', '.join(empty)}. "
                    "Ningún taller reportó aquí necesidades que cumplan los filtros; no significa que no haya "
                    "problemas.")
    if outside:
        st.caption(f"Fuera del filtro de lugar ({len(outside)} {places}): {', '.join(outside)}.")


choices = {CHOICE_AMBITO: st.session_state.get(CHOICE_AMBITO)}
left, right = st.columns([3, 2])
with left:
    drawn = show("mapa_departamentos", view, choices)
    gap_lists(drawn.data, "departamento", "departamentos")
with right:
    show("regiones", view, choices)

st.header("Municipios de un departamento")
context = view.context(choices)
fallback = default_departamento(context)
reason = "filtro actual" if view.filters.values("departamento") == (fallback,) else "el de más necesidades"
st.selectbox("Departamento", list(reference.departamentos().values()), index=None, key=CHOICE_DEPARTAMENTO,
             bind="query-params", placeholder=f"{fallback} ({reason})")
choices[CHOICE_DEPARTAMENTO] = st.session_state.get(CHOICE_DEPARTAMENTO) or fallback
departamento = choices[CHOICE_DEPARTAMENTO]
left, right = st.columns([3, 2])
with left:
    drawn = show("mapa_municipios", view, choices)
with right:
    inside = aggregation.departamento_summary(context.scoped, departamento, drawn.data)
    st.metric(f"Necesidades en {departamento}", format_int(inside.necesidades), border=True)
    st.markdown(f"**{inside.municipios_con_registros} de {inside.municipios_en_filtro} municipios** con "
                "necesidades registradas.")
    if inside.sin_municipio:
        verb = "no indica municipio y no aparece" if inside.sin_municipio == 1 else "no indican municipio y no aparecen"
        st.markdown(f"{plural(inside.sin_municipio, 'necesidad')} de {departamento} {verb} en este mapa.")
    gap_lists(drawn.data, "municipio", "municipios")

st.header("Necesidades por habitante")
st.caption("Un departamento grande siempre reúne más necesidades: por cada 100,000 habitantes se comparan con "
           "justicia. " + population.SOURCE)
show("por_100k", view, choices)
