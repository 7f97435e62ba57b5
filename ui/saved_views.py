"""Saved views in the app: save the page on screen with its URL parameters; reopen one from its short link.

A view is the page plus every query parameter of its address (shared filters and the
page's own choices: the map's ámbito, the municipal map's department, Explorar's
columns and order), so reopening it draws exactly what was saved.
"""
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from analysis.filters import all_params
from ui import data, site

PARAM = "vista"
PAGE_CHOICES = ("mapa_ambito", "mapa_departamento", "columnas", "orden", "desc", "filas", "pagina")


def current_params() -> dict[str, str | list[str]]:
    """The query parameters of the address on screen (repeated ones as lists), without a view link."""
    params = {}
    for key in st.query_params:
        values = st.query_params.get_all(key)
        if key != PARAM and values:
            params[key] = values if len(values) > 1 or key in all_params() or key == "columnas" else values[0]
    return params


def short_link(slug: str) -> str:
    """The address that reopens a view: this server's root with ?vista=<slug>."""
    try:
        parts = urlsplit(st.context.url)
        root = "/" + (st.get_option("server.baseUrlPath") or "").strip("/")
        return urlunsplit((parts.scheme, parts.netloc, root.rstrip("/") + "/", f"{PARAM}={slug}", ""))
    except Exception:  # no browser address known (tests, scripts): a relative link still works
        return f"/?{PARAM}={slug}"


def save(name: str, page_url: str, user: str = "analista") -> dict:
    """Save the view on screen under `name`."""
    return data.store().views.save(name, page_url, current_params(), user)


def open_requested_view() -> None:
    """If the address carries ?vista=<slug>, open that view's page with its parameters."""
    slug = st.query_params.get(PARAM)
    if not slug:
        return
    view = data.store().views.by_slug(slug)
    if view is None:
        del st.query_params[PARAM]
        st.toast("Esa vista guardada ya no existe (pudo haberse eliminado).", icon=":material/link_off:")
        return
    for key in (*all_params(), *PAGE_CHOICES):  # nothing from the session may leak into the view
        st.session_state.pop(key, None)
    st.switch_page(site.by_url(view["page"]).path, query_params=view["params"])
