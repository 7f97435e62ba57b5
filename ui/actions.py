"""The actions beside a page's title: present, download the PowerPoint, save the view.

They act on what is on screen: the filters and the page's own choices.
"""
import streamlit as st

from analysis.formatting import plain
from analysis.presentation import CHOICE_AMBITO, CHOICE_DEPARTAMENTO, images
from analysis.reports import file_name
from ui import auth, data, saved_views
from ui.view import View
from ui.widgets import open_menu

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_LAST_SAVED = "_ultima_vista_guardada"


def page_choices() -> dict:
    """The page-level choices the panels read (map scope, municipal map department)."""
    return {key: st.session_state.get(key) for key in (CHOICE_AMBITO, CHOICE_DEPARTAMENTO)}


def deck(view: View) -> bytes:
    from analysis.reports.powerpoint import presentation_bytes  # python-pptx loads only when a deck is asked for
    return presentation_bytes(view.context(page_choices()), view.provenance(), data.uploads())


@auth.guarded()
def _save(page_url: str, name_key: str) -> None:
    name = st.session_state.get(name_key, "")
    try:
        saved = saved_views.save(name, page_url)
    except ValueError as problem:
        st.session_state[_LAST_SAVED] = ("error", str(problem))
        return
    st.session_state[_LAST_SAVED] = ("ok", saved)
    st.session_state[name_key] = ""
    st.toast(f"Vista «{plain(saved['name'])}» guardada.", icon=":material/bookmark_added:")


def page_actions(view: View, page_url: str) -> None:
    bar = st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center")
    bar.page_link("pages/presentar.py", label="Presentar", icon=":material/slideshow:",
                  query_params=saved_views.current_params(), help="Una gráfica a la vez, a pantalla completa.")
    if images.available():
        name = file_name("presentacion", view.filters, "pptx")
        bar.download_button("PowerPoint", auth.recorded(name, lambda: deck(view), filas=len(view.needs)),
                            file_name=name, mime=PPTX, on_click="ignore", icon=":material/download:",
                            help="Presentación con las gráficas de esta vista (gráficas editables en PowerPoint).")
    else:
        bar.button("PowerPoint", disabled=True, icon=":material/download:", help=images.unavailable_reason())
    menu = open_menu(bar, "Guardar vista", f"_guardar_vista_{page_url}", icon=":material/bookmark_add:")
    if menu is None:
        return
    with menu:
        name_key = f"_nombre_vista_{page_url}"
        st.text_input("Nombre de la vista", key=name_key, max_chars=120, placeholder="p. ej. Petén, interior 2018")
        st.button("Guardar", on_click=_save, args=(page_url, name_key), type="primary", width="stretch")
        kind, value = st.session_state.get(_LAST_SAVED, (None, None))
        if kind == "error":
            st.error(value, icon=":material/error:")
        elif kind == "ok":
            st.caption("Enlace corto para compartirla:")
            st.code(saved_views.short_link(value["slug"]), language=None)
