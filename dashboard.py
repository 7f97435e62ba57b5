"""Entry point: `streamlit run dashboard.py`. Page setup, shared sidebar filters, navigation."""
import logging
from pathlib import Path

import streamlit as st

from ui import data
from ui.sidebar import filters_sidebar
from ui.view import View, set_view
from ui.sample_banner import sample_banner

UI = Path(__file__).parent / "ui"
# A local icon: a named icon would be fetched from the internet, which office networks block.
st.set_page_config(page_title="Necesidades de seguridad — STCNS", page_icon=str(UI / "icono.png"), layout="wide")
st.html(UI / "style.css")

PAGES = [
    st.Page("pages/resumen.py", title="Resumen", icon=":material/dashboard:", url_path="resumen", default=True),
    st.Page("pages/territorio.py", title="Territorio", icon=":material/map:", url_path="territorio"),
    st.Page("pages/ambitos.py", title="Ámbitos", icon=":material/category:", url_path="ambitos"),
    st.Page("pages/niveles.py", title="Niveles", icon=":material/account_tree:", url_path="niveles"),
    st.Page("pages/explorar.py", title="Explorar", icon=":material/table_view:", url_path="explorar"),
    st.Page("pages/cargar.py", title="Cargar datos", icon=":material/upload_file:", url_path="cargar"),
    st.Page("pages/historial.py", title="Historial de cargas", icon=":material/history:", url_path="historial"),
]

page = st.navigation(PAGES)
try:
    needs, index = data.needs()
    filters, shown = filters_sidebar(needs, index.busqueda)
    set_view(View(filters, shown, len(needs), index))
    sample_banner()
    page.run()
except Exception:  # st.stop and st.rerun are not Exceptions: they pass through
    logging.getLogger("dashboard").exception("Error al mostrar %s", page.title)  # details for the server log
    st.error("No se pudo mostrar esta página por un error inesperado; no se modificó ningún dato. Recargue la "
             "página y, si se repite, avise al equipo técnico (el detalle quedó en el registro del servidor).",
             icon=":material/error:")
