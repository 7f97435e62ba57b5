"""Temas: what the needs are about, what each theme means, the needs raised in many places, and
what the dictionary does not know yet.

Themes, recurring-need groups and possible new themes are computed once per data revision in
the text index (`analysis.view.textindex`); this page only reads them for the needs in view.
"""
import streamlit as st

from analysis.formatting import format_int, plain
from analysis.presentation import RECURRING_PLACES, insight_tables
from ui import data
from ui.panels import show
from ui.theme_detail import theme_detail
from ui.widgets import show_table, start_page

view = start_page("Temas de las necesidades")

show("temas", view)
st.caption("Un clic en una barra filtra por ese tema. Una necesidad puede tener varios temas; «Otros temas» "
           "reúne las que el diccionario no reconoce.")

st.header("Qué significa cada tema")
st.caption("Los temas se reconocen por las palabras de la descripción, con el diccionario "
           "analysis/data/temas.toml (un analista puede ampliarlo), y un modelo aprendido de enunciados reales "
           "etiquetados y de las correcciones de los analistas propone los que el diccionario no reconoce. El detalle "
           "de cada necesidad dice por qué tiene cada tema.")
show_table(insight_tables.definitions_table(), height=400, row_height=72, column_config={  # rows of 3 lines: text wraps
    "Tema": st.column_config.TextColumn(width="medium"), "Definición": st.column_config.TextColumn(width=330),
    "Palabras": st.column_config.TextColumn(width="medium"), "Jerga": st.column_config.TextColumn(width="small"),
})

st.header("Necesidades recurrentes")
st.caption(f"La misma necesidad escrita de distintas maneras en {RECURRING_PLACES} o más departamentos "
           "(«Falta de agentes de la PNC», «Faltan agentes PNC»…).")
drawn = show("recurrentes", view)
if not drawn.data.empty:
    groups = drawn.data.set_index("grupo")
    chosen = st.selectbox("Ver dónde se identificó", list(groups.index), key="grupo_recurrente",
                          format_func=lambda g: insight_tables.recurring_label(groups.loc[g]))
    st.markdown(f"**{plain(groups.loc[chosen, 'necesidad'])}** · {plain(groups.loc[chosen, 'lista_departamentos'])}")
    widths = {"Municipio": "medium", "Evento": "large", "Fecha": "small", "Necesidad": "large"}
    members = insight_tables.members_table(view.needs, view.index, chosen)
    show_table(members, height=340, row_height=52,
               column_config={c: st.column_config.TextColumn(width=w) for c, w in widths.items()})
    if len(members) < int(groups.loc[chosen, "necesidades"]):
        st.caption(f"Se muestran las primeras {format_int(len(members))} de "
                   f"{format_int(int(groups.loc[chosen, 'necesidades']))}, por departamento.")
    theme_detail(view, insight_tables.group_needs(view.needs, view.index, chosen), "corregir_grupo")

st.header("Posibles temas nuevos")
st.caption("Las necesidades sin tema, agrupadas por las palabras que comparten: sugieren qué agregar al "
           "diccionario de temas.")
new_themes = insight_tables.new_themes_table(view.needs, view.index)
if new_themes.empty:
    st.info("Todas las necesidades en vista tienen algún tema conocido.", icon=":material/check_circle:")
else:
    show_table(new_themes, height=min(420, 40 + 35 * len(new_themes)))

st.header("Palabras sugeridas")
st.caption("Lo que las correcciones de los analistas sugieren para el diccionario: palabras de las necesidades a las "
           "que se agregó un tema que el diccionario no dio, y palabras que dieron un tema que un analista quitó.")
suggested = insight_tables.suggested_words_table(data.corrections())
if suggested.empty:
    st.info("Todavía no hay correcciones de temas.", icon=":material/edit_note:")
else:
    show_table(suggested, height=min(420, 40 + 35 * len(suggested)))
