"""Historial de cargas: every upload with its provenance and counts; original file, delete and restore."""
import pandas as pd
import streamlit as st

from analysis.formatting import format_datetime, format_int, plain, plural
from analysis.layouts import FIELD_LABELS
from analysis.reports import problems_frame, to_xlsx_bytes
from analysis.store import SampleMixRefused
from ui import auth, data
from ui import view as views
from ui.widgets import show_table

views.current()  # the shared sidebar and navigation are in place
st.title("Historial de cargas")
store = data.store()


def _ask(key: str, value: bool) -> None:
    st.session_state[key] = value


@auth.guarded("change_data")  # the buttons are not drawn for readers; this holds even if a stale one fires
def _set_deleted(upload_id: int, delete: bool) -> None:
    if delete:
        store.delete_upload(upload_id, actor=auth.actor(), address=auth.address())
        st.session_state[f"_confirmar_{upload_id}"] = False
        st.toast(f"Carga n.º {upload_id} eliminada.", icon=":material/delete:")
    else:
        sample_shown = bool(store.sample_upload_ids())
        try:
            store.restore_upload(upload_id, actor=auth.actor(), address=auth.address())
        except SampleMixRefused as refused:
            st.session_state["_historial_aviso"] = str(refused)
            return
        hidden = " Se ocultaron los datos de ejemplo, que no se mezclan con datos reales." if sample_shown else ""
        st.toast(f"Carga n.º {upload_id} restaurada: sus necesidades vuelven a todos los resultados.{hidden}",
                 icon=":material/restore_from_trash:")
    data.invalidate()

def _states(frame: pd.DataFrame) -> pd.Series:
    """«Vigente», «Eliminada», «Reemplazada por la n.º 5», with «(datos de ejemplo)» for the sample."""
    replaced = frame["replaced_by"].map(lambda i: f"Reemplazada por la n.º {int(i)}" if pd.notna(i) else None)
    state = frame["deleted_at"].notna().map({True: "Eliminada", False: "Vigente"})
    state = state.where(frame["deleted_at"].isna() | replaced.isna(), replaced)
    return state + frame["is_sample"].map({True: " (datos de ejemplo)", False: ""})


def _delete_or_restore(chosen: int, upload: dict, is_deleted: bool) -> None:
    """«Restaurar carga» for a deleted upload; else «Eliminar carga…» and its confirmation."""
    confirm_key = f"_confirmar_{chosen}"
    if is_deleted:
        st.button("Restaurar carga", icon=":material/restore_from_trash:", width="stretch",
                  on_click=_set_deleted, args=(chosen, False))
    elif st.session_state.get(confirm_key):
        st.warning(f"¿Eliminar la carga n.º {chosen}? Sus {format_int(upload['rows_imported'])} necesidades dejarán de "
                   "aparecer en todas las páginas (puede restaurarla después).")
        yes, no = st.columns(2)
        yes.button("Sí, eliminar", type="primary", width="stretch", on_click=_set_deleted, args=(chosen, True))
        no.button("No", width="stretch", on_click=_ask, args=(confirm_key, False))
    else:
        st.button("Eliminar carga…", icon=":material/delete:", width="stretch", on_click=_ask, args=(confirm_key, True))


if notice := st.session_state.pop("_historial_aviso", None):
    st.error(notice, icon=":material/block:")
uploads = store.uploads()
if uploads.empty:
    st.info("Todavía no se ha cargado ningún archivo. Use la página **Cargar datos**.", icon=":material/upload_file:")
    st.stop()

deleted = uploads["deleted_at"].notna()
table = pd.DataFrame({
    "N.º": uploads["id"],
    "Archivo": uploads["filename"],
    "Cargado": uploads["uploaded_at"].map(format_datetime),
    "Por": uploads["uploaded_by"],
    "Hojas": uploads["sheets"].map(lambda sheets: ", ".join(dict.fromkeys(s["hoja"] for s in sheets
                                                                          if "aceptadas" in s))),
    "Importadas": uploads["rows_imported"],
    "Rechazadas": uploads["rows_rejected"],
    "Advertencias": uploads["rows_warned"],
    "Estado": _states(uploads),
})
show_table(table, column_config={
    "N.º": st.column_config.NumberColumn(format="plain"),
    "Importadas": st.column_config.NumberColumn(format="localized"),
})
st.caption(f"{plural(int((~deleted).sum()), 'carga vigente', 'cargas vigentes')} con "
           f"{plural(store.count_needs(), 'necesidad')}. Eliminar una carga la oculta de todos los resultados; puede restaurarse en cualquier momento.")

st.header("Detalle de una carga")
labels = {row.id: f"N.º {row.id} — {row.filename} ({format_datetime(row.uploaded_at)})" for row in uploads.itertuples()}
chosen = st.selectbox("Carga", list(labels), format_func=labels.get, key="historial_carga")
upload = store.upload(chosen)
is_deleted = upload["deleted_at"] is not None

info, actions = st.columns([3, 2])
replaced_ids = uploads.loc[uploads["replaced_by"] == chosen, "id"].tolist()
with info:
    st.markdown(f"**Archivo:** {plain(upload['filename'])} · {format_int(upload['size_bytes'] / 1024)} KB  \n"
                f"**Huella SHA-256:** `{upload['sha256'][:16]}…`  \n"
                f"**Columnas:** " + ", ".join(f"{plain(h)} → {FIELD_LABELS.get(f, f)}"
                                              for h, f in upload["column_mapping"].items()))
    if upload["replaced_by"] is not None:
        st.caption(f"Esta carga fue reemplazada por la carga n.º {upload['replaced_by']} (un archivo corregido)"
                   + (", y luego restaurada." if not is_deleted else ". Al restaurarla, sus necesidades vuelven a "
                      "contarse junto con las de la carga que la reemplazó."))
    if replaced_ids:
        st.caption(f"Esta carga reemplazó a la carga n.º {', '.join(map(str, replaced_ids))}.")
with actions:
    st.download_button("Descargar archivo original", auth.recorded(upload["filename"], lambda: store.upload_content(chosen),
                                                                   carga=int(chosen)), file_name=upload["filename"],
                       icon=":material/download:", on_click="ignore", width="stretch")
    if auth.can("change_data"):  # readers see and download; deleting and restoring is for analysts
        _delete_or_restore(chosen, upload, is_deleted)

if upload["problems"]:
    report = problems_frame(upload["problems"])
    st.markdown(f"**Informe de validación** ({format_int(len(report))} observaciones)")
    show_table(report, height=min(360, 40 + 35 * len(report)))
    st.download_button("Descargar el informe (Excel)",
                       auth.recorded(f"informe_carga_{chosen}.xlsx", lambda: to_xlsx_bytes(report, "Informe")),
                       file_name=f"informe_carga_{chosen}.xlsx", on_click="ignore", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
