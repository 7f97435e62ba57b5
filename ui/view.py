"""What every page draws from: the filters and the needs they select, set once per rerun.

dashboard.py computes the view above the navigation (so the sidebar is shared);
pages read it here instead of recomputing it.
"""
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analysis.presentation import Context, Provenance
from analysis.store import times
from analysis.view import Filters, TextIndex

if TYPE_CHECKING:
    from ui.data import Loaded

_KEY = "_vista"


@dataclass(frozen=True)
class View:
    filters: Filters
    needs: pd.DataFrame  # the needs in view
    total: int  # all visible needs, before filters
    index: TextIndex  # normalised text of all visible needs
    page: str = "inicio"  # url_path of the page on screen
    loaded: "Loaded | None" = field(default=None, compare=False, repr=False)  # all needs, their store and revision
    _contexts: dict = field(default_factory=dict, compare=False, repr=False)

    def shared(self, what, compute):
        """`compute()` for this view, done once for every session of this process that asks for the same `what`
        (hashable: a panel's key, the page's choices…) of the same filters and data."""
        if self.loaded is None:
            return compute()
        return self.loaded.shared((self.filters, times.today(), what), compute)  # today: «hace 3 días» moves on

    def context(self, choices: dict | None = None) -> Context:
        """What the panels draw from, with this page's choices (map scope, department…); one per set of
        choices in a rerun, so what a context works out once (the two sides of a comparison) is shared."""
        key = tuple(sorted((choices or {}).items()))
        if key not in self._contexts:
            self._contexts[key] = Context(self.needs, self.total, self.filters, self.index, dict(choices or {}))
        return self._contexts[key]

    def provenance(self) -> Provenance:
        from ui import data
        return Provenance.of(data.uploads(), self.filters, len(self.needs), self.total)


def set_view(view: View) -> None:
    st.session_state[_KEY] = view


def current() -> View:
    """The view dashboard.py prepared for this rerun.

    Streamlit starts in its legacy multipage mode when a `pages/` folder exists and
    the first request opens a page URL directly (e.g. a shared link): the page then
    runs without dashboard.py. Leaving that mode and rerunning sends the request
    through dashboard.py's navigation, once per server process.
    """
    if PagesManager.uses_pages_directory or _KEY not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state[_KEY]


def drawn() -> View:
    """The view of the last completed run, for callbacks (which run before the page, so cannot rerun it)."""
    return st.session_state[_KEY]
