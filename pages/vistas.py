"""Vistas guardadas: the named views of the team, each reopened exactly from its short link."""
import pandas as pd
import streamlit as st

from analysis.formatting import format_datetime, plain
from analysis.view import Filters
from ui import auth, data, site
from ui import view as views
from ui.saved_views import short_link
from ui.widgets import show_table

views.current()  # the navigation is in place
st.title("Vistas guardadas")
store = data.store().views
saved = store.all()
if saved.empty:
    st.info("Todavía no hay vistas guardadas. Use «Guardar vista» junto al título de cualquier página de gráficas: "
            "guarda los filtros y las opciones de la página con un nombre y un enlace corto.",
            icon=":material/bookmarks:")
    st.stop()


def _summary(params: dict) -> str:
    try:
        return Filters.from_params(params).summary()
    except ValueError:
        return "Filtros no válidos"


show_table(pd.DataFrame({
    "Nombre": saved["name"],
    "Página": saved["page"].map(lambda url: site.by_url(url).title),
    "Filtros": saved["params"].map(_summary),
    "Guardada": saved["updated_at"].map(format_datetime),
    "Por": saved["created_by"],
}))

labels = {row.id: f"{row.name} — {site.by_url(row.page).title}" for row in saved.itertuples()}
chosen = st.selectbox("Vista", list(labels), format_func=labels.get, key="vista_elegida")
row = saved.set_index("id").loc[chosen]


@auth.guarded()
def _rename(view_id: int) -> None:
    try:
        store.rename(view_id, st.session_state.get("_nuevo_nombre", ""), auth.current())
        st.toast("Vista renombrada.", icon=":material/edit:")
    except ValueError as problem:
        st.toast(str(problem), icon=":material/error:")


@auth.guarded()
def _delete(view_id: int) -> None:
    try:
        store.delete(view_id, auth.current())
    except ValueError as problem:
        st.toast(str(problem), icon=":material/error:")
        return
    st.session_state.pop("vista_elegida", None)
    st.toast("Vista eliminada.", icon=":material/delete:")


left, right = st.columns([3, 2])
with left:
    st.markdown("**Enlace corto** (cópielo para compartir la vista):")
    st.code(short_link(row["slug"]), language=None)
    if st.button("Abrir la vista", icon=":material/open_in_new:", type="primary"):
        st.switch_page(site.by_url(row["page"]).path, query_params=row["params"])
with right:
    if not store.may_change(row.to_dict(), auth.current()):
        st.caption(f"Solo quien la guardó ({plain(row['created_by'])}) o un administrador puede renombrarla o "
                   "eliminarla.")
        st.stop()
    st.text_input("Nuevo nombre", key="_nuevo_nombre", max_chars=120)
    st.button("Renombrar", on_click=_rename, args=(int(chosen),), icon=":material/edit:", width="stretch")
    confirm = f"_borrar_vista_{chosen}"
    if st.session_state.get(confirm):
        st.warning("¿Eliminar esta vista? El enlace corto dejará de funcionar.")
        yes, no = st.columns(2)
        yes.button("Sí, eliminar", type="primary", on_click=_delete, args=(int(chosen),), width="stretch")
        no.button("No", on_click=lambda: st.session_state.update({confirm: False}), width="stretch")
    else:
        st.button("Eliminar…", icon=":material/delete:", width="stretch",
                  on_click=lambda: st.session_state.update({confirm: True}))
