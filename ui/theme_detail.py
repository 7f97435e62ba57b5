"""Why a need has its themes, and the form with which an analyst corrects them (Explorar, Temas)."""
import pandas as pd
import streamlit as st

from analysis.formatting import plain, plural
from analysis.presentation import insight_tables
from analysis.store import theme_corrections
from analysis.view import themes
from ui import auth, data
from ui.view import View
from ui.widgets import show_table

ACTIONS = {theme_corrections.ADD: "Agregar el tema", theme_corrections.REMOVE: "Quitar el tema"}


def _correct(needs: pd.DataFrame, key: str) -> None:
    if not auth.can("change_data"):  # the form is not drawn for readers; this holds even if a stale one fires
        return
    tema, accion = st.session_state[f"{key}_tema"], st.session_state[f"{key}_accion"] or theme_corrections.ADD
    count = data.store().corrections.correct(needs, tema, accion, auth.actor(), auth.address())
    data.invalidate()
    done = "agregó a" if accion == theme_corrections.ADD else "quitó de"
    st.toast(f"Se {done} {plural(count, 'necesidad')} el tema «{plain(tema)}».", icon=":material/check_circle:")


def theme_detail(view: View, needs: pd.DataFrame, key: str) -> None:
    """The themes of `needs` (one need, or the needs of a recurring group: the first one's themes are shown)
    with the reason of each, and, for analysts, a correction that applies to all of them."""
    first = needs.index[0]
    st.markdown(f"**Temas de «{plain(needs.at[first, 'necesidad'])}» y por qué**")
    reasons = insight_tables.reasons_table(needs.at[first, "necesidad"], view.index.razones.at[first])
    if reasons.empty:
        st.caption("Ningún tema reconoce esta necesidad: está en «Otros temas».")
    else:
        show_table(reasons, height=40 + 35 * len(reasons), column_config={
            "Tema": st.column_config.TextColumn(width="medium"), "Por qué": st.column_config.TextColumn(width="large")})
    if not auth.can("change_data"):
        return
    with st.form(f"{key}_form", border=True):
        scope = "esta necesidad" if len(needs) == 1 else f"las {len(needs)} necesidades del grupo"
        st.caption(f"Corregir los temas de {scope}. La corrección se guarda con su nombre y la fecha, gana sobre "
                   "los temas automáticos, se mantiene si se vuelve a cargar la misma necesidad y enseña al modelo.")
        left, right = st.columns([3, 2])
        left.selectbox("Tema", list(themes.theme_names()), key=f"{key}_tema")
        right.segmented_control("Acción", list(ACTIONS), format_func=ACTIONS.get, default=theme_corrections.ADD,
                                key=f"{key}_accion")
        st.form_submit_button("Guardar corrección", icon=":material/edit:", on_click=_correct, args=(needs, key))
