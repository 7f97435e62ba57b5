"""Saved views in the app: save the page on screen with its URL parameters; reopen one from its short link.

A view is the page plus every query parameter of its address (shared filters and the
page's own choices, declared with its route in `ui.site`: the map's ámbito, the municipal
map's department, Explorar's columns and order…), so reopening it draws exactly what was saved.
"""
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from analysis.view import all_params
from ui import data, site

PARAM = "vista"


def _url_value(value) -> str | list[str]:
    """A widget value as its bound query parameter writes it (lists repeat, booleans are true/false)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value).lower() if isinstance(value, bool) else str(value)


def current_params() -> dict[str, str | list[str]]:
    """The parameters that reopen the view on screen: the shared filters and this page's choices."""
    from ui.view import drawn
    view = drawn()
    params: dict = dict(view.filters.to_params())
    for key in site.by_url(view.page).choices:
        value = st.session_state.get(key)
        if value not in (None, "", [], ()):
            params[key] = _url_value(value)
    return params


def short_link(slug: str) -> str:
    """The address that reopens a view: this server's root with ?vista=<slug>."""
    try:
        parts = urlsplit(st.context.url)
        root = "/" + (st.get_option("server.baseUrlPath") or "").strip("/")
        return urlunsplit((parts.scheme, parts.netloc, root.rstrip("/") + "/", f"{PARAM}={slug}", ""))
    except Exception:  # no browser address known (tests, scripts): a relative link still works
        return f"/?{PARAM}={slug}"


def save(name: str, page_url: str) -> dict:
    """Save the view on screen under `name`, as the account signed in."""
    from ui.auth import actor
    return data.store().views.save(name, page_url, current_params(), actor())


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
    for key in (*all_params(), *site.EVERY_CHOICE):  # nothing from the session may leak into the view
        st.session_state.pop(key, None)
    st.switch_page(site.by_url(view["page"]).path, query_params=view["params"])
