"""The pages of the dashboard, declared once: file, title, icon, URL, what each shows around it, and the
page's own choices.

dashboard.py builds the navigation from this table; saved views and links find a page's file from its URL
here, and the choices a page keeps in its address (the map's ámbito, Explorar's columns and order, the two
sides of a comparison) beside the shared filters, which a saved view stores with it.
"""
from dataclasses import dataclass

import streamlit as st

from analysis.presentation import CHOICE_AMBITO, CHOICE_DEPARTAMENTO
from analysis.view import comparison


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url: str
    filters: bool = True  # shows the shared sidebar filters (pages about the data)
    banner: bool = True  # shows the sample-data notice
    default: bool = False
    permission: str = "read"  # what an account needs to see the page at all (analysis.store.accounts.PERMISSIONS)
    choices: tuple[str, ...] = ()  # the widget keys (and URL parameters) of the page's own choices


PAGES = (
    PageSpec("pages/resumen.py", "Resumen", ":material/dashboard:", "inicio", default=True),
    PageSpec("pages/territorio.py", "Territorio", ":material/map:", "territorio",
             choices=(CHOICE_AMBITO, CHOICE_DEPARTAMENTO)),
    PageSpec("pages/ambitos.py", "Ámbitos", ":material/category:", "ambitos"),
    PageSpec("pages/niveles.py", "Niveles", ":material/account_tree:", "niveles"),
    PageSpec("pages/temas.py", "Temas", ":material/sell:", "temas"),
    PageSpec("pages/comparar.py", "Comparar", ":material/compare_arrows:", "comparar",
             choices=(comparison.CHOICE_BY, comparison.CHOICE_A, comparison.CHOICE_B, "periodo_a", "periodo_b",
                      comparison.CHOICE_TIMELINE)),
    PageSpec("pages/prioridades.py", "Prioridades", ":material/priority_high:", "prioridades"),
    PageSpec("pages/explorar.py", "Explorar", ":material/table_view:", "explorar",
             choices=("columnas", "orden", "desc", "filas", "pagina")),
    PageSpec("pages/presentar.py", "Presentar", ":material/slideshow:", "presentar", banner=False),
    PageSpec("pages/vistas.py", "Vistas guardadas", ":material/bookmarks:", "vistas", filters=False),
    PageSpec("pages/cargar.py", "Cargar datos", ":material/upload_file:", "cargar", filters=False,
             permission="change_data"),
    PageSpec("pages/historial.py", "Historial de cargas", ":material/history:", "historial", filters=False),
    PageSpec("pages/administracion.py", "Administración", ":material/admin_panel_settings:", "administracion",
             filters=False, banner=False, permission="administer"),
)


EVERY_CHOICE = tuple(dict.fromkeys(key for page in PAGES for key in page.choices))


def allowed(account) -> list[PageSpec]:
    """The pages an account may open (a page it may not open is not even in its navigation)."""
    return [p for p in PAGES if account.can(p.permission)]


def by_url(url: str) -> PageSpec:
    return next((p for p in PAGES if p.url == url), PAGES[0])


def _forward_to_default() -> None:
    """The default page lives at «/»; its own name in an address («/resumen») forwards there, filters kept."""
    default = next(p for p in PAGES if p.default)
    st.switch_page(default.path, query_params={k: st.query_params.get_all(k) for k in st.query_params})


ALIASES = ("resumen",)  # addresses of the default page people type or saved earlier


def aliases() -> list:
    """Hidden pages that keep those addresses working (instead of Streamlit's English «page not found»)."""
    default = next(p for p in PAGES if p.default)
    return [st.Page(_forward_to_default, title=default.title, url_path=url, visibility="hidden") for url in ALIASES]
