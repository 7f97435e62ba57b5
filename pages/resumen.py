"""Resumen: the headline figures and the charts that tell the story at a glance."""
import streamlit as st

from analysis import aggregation, charts
from analysis.formatting import format_int, format_pct
from ui.widgets import chart, start_page

view = start_page("Resumen de necesidades de seguridad")

needs = view.needs
top = aggregation.headline(needs, view.total, view.index)
cols = st.columns([1, 1, 1, 1.4])
cols[0].metric("Necesidades", format_int(top.shown), border=True,
               help=f"De {format_int(top.total)} registradas en total.")
cols[1].metric("Departamentos con registros", f"{top.departamentos_cubiertos} de {top.departamentos_total}",
               border=True)
cols[2].metric("Con más necesidades", top.top_departamento or "—", border=True,
               help=f"{format_int(top.top_departamento_necesidades)} necesidades.")
with cols[3].container(border=True):
    st.markdown("**Temas más frecuentes**  \n" + "  \n".join(
        f"{i}. {theme} · {format_int(count)}" for i, (theme, count) in enumerate(top.top_temas.head(3).items(), 1)))

shares = top.ambito_shares
st.markdown(" · ".join(f"**{row.ambito}**: {format_pct(row.necesidades, top.shown)}"
                       for row in shares.itertuples() if row.necesidades))

left, right = st.columns(2)
with left:
    chart(charts.ambito_bars(shares), "resumen_ambitos")
    chart(charts.bar_counts(aggregation.count_by(needs, "nivel", keep_order=True), "nivel",
                            "Necesidades por nivel territorial", sort=False, field="nivel"), "resumen_niveles")
with right:
    chart(charts.bar_counts(aggregation.count_by(needs, "departamento"), "departamento",
                            "Necesidades por departamento", field="departamento"), "resumen_departamentos")

theme_frame = top.temas.head(10).rename_axis("tema").reset_index()
theme_frame["porcentaje"] = theme_frame["necesidades"] / len(needs) * 100
chart(charts.bar_counts(theme_frame, "tema", "Temas más frecuentes en las descripciones"), "resumen_temas")
st.caption("Los temas se reconocen por palabras clave en la descripción; una necesidad puede tener más de un tema.")
