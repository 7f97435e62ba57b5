"""Right after an upload: what the new file adds to everything stored before it.

New places and themes say where the workshop widened the picture; needs already known
(the same recurring-need group was stored before) say what it confirms.
`analysis.view.comparison.upload_additions` does the counting; this only draws it, once.
"""
import streamlit as st

from analysis.formatting import format_int, plain
from analysis.view import comparison
from ui import data
from ui.widgets import metric_cards, show_table

_KEY = "_carga_nueva"


def remember(upload_id: int) -> None:
    """Show what upload `upload_id` adds on the next run of the page."""
    st.session_state[_KEY] = upload_id


def _listed(label: str, names: list[str], none: str) -> None:
    st.markdown(f"**{label} ({len(names)}):** {plain(', '.join(names))}." if names else f"**{label}:** {none}")


def show_pending() -> None:
    """What the last upload added, if one was just imported (shown once)."""
    upload_id = st.session_state.pop(_KEY, None)
    if upload_id is None:
        return
    needs, index, *_ = data.needs()
    if not (needs["upload_id"] == upload_id).any():
        return
    added = comparison.upload_additions(needs, index, upload_id)
    with st.container(border=True):
        st.header("Qué agrega esta carga")
        metric_cards([("Necesidades de la carga", format_int(added.necesidades), ""),
                      ("Ya conocidas", format_int(added.conocidas), "la misma necesidad ya estaba registrada"),
                      ("Nuevas", format_int(added.nuevas), "ninguna carga anterior las tenía")])
        _listed("Departamentos nuevos", added.nuevos_departamentos, "ninguno; todos tenían necesidades registradas.")
        _listed("Municipios nuevos", added.nuevos_municipios, "ninguno.")
        _listed("Temas nuevos", added.nuevos_temas, "ninguno; todos sus temas ya estaban registrados.")
        if not added.necesidades_conocidas.empty:
            st.caption("Necesidades que ya estaban registradas (la misma necesidad aunque esté escrita con otras "
                       "palabras):")
            known = added.necesidades_conocidas.rename(columns={"necesidad": "Necesidad", "en_la_carga": "En esta carga",
                                                                "antes": "Registradas antes"})
            show_table(known, height=min(320, 40 + 35 * len(known)))
