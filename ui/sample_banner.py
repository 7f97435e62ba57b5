"""The «Datos de ejemplo» notice shown while the synthetic sample is in view, with its one-click removal."""
import streamlit as st

from ui import auth, data


@auth.guarded("change_data")
def _remove_sample() -> None:
    store = data.store()
    for upload_id in store.sample_upload_ids():
        store.delete_upload(upload_id, actor=auth.actor(), address=auth.address())
    st.toast("Se quitaron los datos de ejemplo. Puede restaurarlos en el Historial de cargas.",
             icon=":material/delete:")


def sample_banner(loaded: data.Loaded) -> None:
    if not loaded.shared("ejemplo", data.store().sample_upload_ids):
        return
    if not auth.can("change_data"):
        st.warning("**Datos de ejemplo:** sintéticos, no son necesidades reales.", icon=":material/science:")
        return
    text, button = st.columns([4, 1], vertical_alignment="center")
    text.warning("**Datos de ejemplo:** sintéticos, no son necesidades reales. Se quitan al cargar el primer archivo "
                 "real.", icon=":material/science:")
    button.button("Quitar ejemplo", on_click=_remove_sample, icon=":material/delete:", width="stretch",
                  help="Quitar los datos de ejemplo (pueden restaurarse en el Historial de cargas).")
