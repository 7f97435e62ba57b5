"""When an action fails: one Spanish sentence on the page that says what happened and what to do, the detail in
the server log only.

Widget actions run before the page is drawn, so what they have to say waits in the session and the page shows
it at the top (`show_pending`); the sentence comes from the core (`analysis.store.explain`), which tells a full
disk or an unreachable database from other failures, the same words the command line uses.
"""
import functools
import logging

import streamlit as st

_PENDING = "_aviso_de_problema"
_LOG = logging.getLogger("dashboard")


def tell(sentence: str) -> None:
    """Say this at the top of the page about to be drawn."""
    st.session_state[_PENDING] = sentence


def failed(error: BaseException, doing: str) -> None:
    """An action failed: its detail to the server log, one sentence to the page."""
    from analysis.store import explain  # imported when needed: the server imports this module before it listens
    _LOG.error("Falló una acción (%s)", doing, exc_info=error)
    tell(explain(error))


def shielded(action):
    """A widget's action whose failure ends in one Spanish sentence instead of Streamlit's English error page."""
    @functools.wraps(action)
    def run(*args, **kwargs):
        try:
            action(*args, **kwargs)
        except Exception as error:  # st.rerun and st.switch_page are not Exceptions: they pass through
            failed(error, action.__name__)
    return run


def on_script_error(error: Exception) -> bool:
    """The App's last net for an error nothing else caught: the sentence instead of Streamlit's English page."""
    from analysis.store import explain
    _LOG.error("Error sin atender", exc_info=error)
    st.error(explain(error), icon=":material/error:")
    return True  # Streamlit's own error display is suppressed


def show_pending() -> str | None:
    """Show what the last click's action had to say, if anything; the sentence shown."""
    if sentence := st.session_state.pop(_PENDING, None):
        st.error(sentence, icon=":material/error:")
    return sentence
