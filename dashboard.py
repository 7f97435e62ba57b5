"""Entry point: `streamlit run dashboard.py`.

Streamlit runs this file as `__main__` for every visit and rerun: page setup, sign-in, shared
sidebar filters, navigation. `streamlit run` first imports it once as a module, finds `app` and
serves it: the server's Spanish page and its warm-up before the first visitor (ui/server.py).
"""
import logging
from pathlib import Path

import streamlit as st

UI = Path(__file__).parent / "ui"


def unexpected(where: str) -> None:
    """A Spanish message instead of a traceback; the details go to the server log."""
    logging.getLogger("dashboard").exception("Error al mostrar %s", where)
    st.error("No se pudo mostrar esta página por un error inesperado; no se modificó ningún dato. Recargue la "
             "página y, si se repite, avise al equipo técnico (el detalle quedó en el registro del servidor).",
             icon=":material/error:")
    st.stop()


def visit() -> None:
    """One run for one browser: who is looking, which page, the filters it shares, then the page itself."""
    # Imported here, not above: the server imports this file before it listens, and the warm-up
    # thread loads these meanwhile (never both at once: ui/server.py).
    from ui import server
    server.visiting()
    with server.IMPORTS:
        from analysis.view import Filters
        from ui import auth, data, site
        from ui.sample_banner import sample_banner
        from ui.saved_views import open_requested_view
        from ui.sidebar import filters_sidebar
        from ui.view import View, set_view

    # A local icon: a named icon would be fetched from the internet, which office networks block.
    st.set_page_config(page_title=server.TITLE, page_icon=str(UI / "icono.png"), layout="wide")
    st.html(UI / "style.css")
    try:
        account = auth.gate()
    except Exception:  # st.stop and st.rerun are not Exceptions: they pass through
        unexpected("el acceso")
    if account is None:  # every address shows the sign-in, and nothing else, until the visitor signs in
        st.navigation([st.Page(auth.login_page, title="Entrar", url_path=p.url, default=p.default)
                       for p in site.PAGES], position="hidden").run()
        st.stop()
    page = st.navigation([st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url, default=p.default)
                          for p in site.allowed(account)] + site.aliases(),
                         expanded=True)  # every page listed: no «View more» (an English word) under the tenth
    if page.url_path in site.ALIASES:
        page.run()  # forwards to its page (before any widget binds the address's parameters)
    spec = site.by_url(page.url_path)
    try:
        open_requested_view()  # a short link (?vista=…) reopens its page with its filters
        needs, index = data.needs()
        filters, shown = filters_sidebar(needs, index) if spec.filters else (Filters(), needs)
        set_view(View(filters, shown, len(needs), index, spec.url))
        if spec.banner:
            sample_banner()
        auth.account_box(account)
        page.run()
        server.freeze_what_is_loaded()
    except Exception:
        unexpected(page.title)


if __name__ == "__main__":
    visit()
else:
    from starlette.middleware import Middleware

    from ui.server import SpanishShell, warm_up

    app = st.App(__file__, lifespan=warm_up, middleware=[Middleware(SpanishShell)])
