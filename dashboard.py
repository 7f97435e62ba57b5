"""Entry point: `streamlit run dashboard.py`.

Streamlit runs this file as `__main__` for every visit and rerun: page setup, sign-in, shared
sidebar filters, navigation. `streamlit run` first imports it once as a module, finds `app` and
serves it: the server's Spanish page and its warm-up before the first visitor (ui/server.py).
"""
import logging
from contextlib import nullcontext
from pathlib import Path

import streamlit as st

UI = Path(__file__).parent / "ui"


def unexpected(where: str, error: Exception, said: str | None = None) -> None:
    """A Spanish message instead of a traceback (a full disk or a database out of reach said as such, once even
    if the click before already `said` it); the details go to the server log."""
    from analysis.store import outage
    logging.getLogger("dashboard").exception("Error al mostrar %s", where)
    sentence = outage(error) or ("No se pudo mostrar esta página por un error inesperado; no se modificó ningún "
                                 "dato. Recargue la página y, si se repite, avise al equipo técnico (el detalle "
                                 "quedó en el registro del servidor).")
    if sentence != said:
        st.error(sentence, icon=":material/error:")
    st.stop()


def visit() -> None:
    """One run for one browser: who is looking, which page, the filters it shares, then the page itself."""
    # Imported here, not above: the server imports this file before it listens, and the warm-up
    # thread loads these meanwhile (one thread at a time).
    from ui import server
    server.visiting()
    with server.importing():
        from analysis.view import Filters
        from ui import auth, data, site, trouble
        from ui.sample_banner import sample_banner
        from ui.saved_views import open_requested_view
        from ui.sidebar import filters_sidebar
        from ui.view import View, set_view

    # A local icon: a named icon would be fetched from the internet, which office networks block.
    st.set_page_config(page_title=server.TITLE, page_icon=str(UI / "icono.png"), layout="wide")
    st.html(UI / "style.css")
    said = trouble.show_pending()  # what an action of the last click had to say
    try:
        account = auth.gate()
    except Exception as error:  # st.stop and st.rerun are not Exceptions: they pass through
        unexpected("el acceso", error, said)
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
        with server.drawing() if spec.filters else nullcontext():  # a page of views waits its turn; Cargar does not
            open_requested_view()  # a short link (?vista=…) reopens its page with its filters
            loaded = data.needs()
            filters, shown = filters_sidebar(loaded) if spec.filters else (Filters(), loaded.needs)
            set_view(View(filters, shown, len(loaded.needs), loaded.index, spec.url, loaded))
            if spec.banner:
                sample_banner(loaded)
            auth.account_box(account)
            page.run()
        server.freeze_what_is_loaded()
    except Exception as error:
        unexpected(page.title, error, said)


if __name__ == "__main__":
    visit()
else:
    from starlette.middleware import Middleware

    from ui import session_cookie, trouble
    from ui.http_doors import Doors
    from ui.server import SpanishShell, pages_through_navigation_only, warm_up

    pages_through_navigation_only()
    app = st.App(__file__, lifespan=warm_up, middleware=[Middleware(Doors), Middleware(SpanishShell)],
                 routes=session_cookie.routes(), on_script_error=trouble.on_script_error)
