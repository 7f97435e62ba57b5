"""Cached access to the store for the app: one Store per process, data reloaded by revision.

Caches are keyed by the store's revision number (a cheap query), never by frames,
so a rerun with unchanged data costs a few milliseconds. What views are drawn from (filtered
needs, filter options, panels, headline figures) is computed once per process for every session
that asks for it (`SHARED`, keyed by store, revision and what was asked).
"""
from typing import NamedTuple

import pandas as pd
import streamlit as st

from analysis.ingest import ensure_sample
from analysis.store import Store, cached_frame, database_url
from analysis.view import TextIndex, build_text_index, index_version
from analysis.view.shared import SharedCache, weigh

# A department's view of 100,000 needs weighs about 2 MB and a panel a few kB: room for every view of a busy day.
SHARED = SharedCache(max_bytes=256 * 2**20)


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    ensure_sample(store)
    return store


def store() -> Store:
    """The store of $DATABASE_URL (or data/necesidades.db), with the sample on first use."""
    return _store(database_url())


@st.cache_resource(show_spinner="Cargando necesidades…", max_entries=2)  # no copy per rerun: callers never mutate
def _needs(url: str, revision: int) -> tuple[pd.DataFrame, TextIndex]:
    store = _store(url)
    needs = store.needs()
    index = cached_frame(store.cache_dir, f"texto-{store.cache_name}", f"{revision}-{index_version()}",
                         lambda: build_text_index(needs, store.corrections.all()).to_frame())
    return needs, TextIndex.from_frame(index, needs.index)


class Loaded(NamedTuple):
    """All visible needs and their text index, and the store and revision they are as of."""
    needs: pd.DataFrame
    index: TextIndex
    url: str
    revision: int

    def shared(self, what, compute, weight=weigh):
        """`compute()`, done once for every session asking for `what` (hashable) of these needs."""
        return SHARED.get(self.url, self.revision, what, compute, weight)


def needs() -> Loaded:
    """All visible needs and their text index, as of the store's current revision."""
    current = store()
    revision = current.revision()
    return Loaded(*_needs(current.url, revision), current.url, revision)


@st.cache_data(show_spinner=False, max_entries=4)
def _uploads(url: str, revision: int) -> pd.DataFrame:
    return _store(url).uploads()


def uploads() -> pd.DataFrame:
    """Every upload (deleted ones included), as of the store's current revision."""
    current = store()
    return _uploads(current.url, current.revision())


def invalidate() -> None:
    """Forget cached frames after a write (the revision changes anyway; this frees memory)."""
    _needs.clear()
    SHARED.clear()
    _uploads.clear()
    _corrections.clear()


@st.cache_data(show_spinner=False, max_entries=4)
def _corrections(url: str, revision: int) -> pd.DataFrame:
    return _store(url).corrections.all()


def corrections() -> pd.DataFrame:
    """Every theme correction, as of the store's current revision."""
    current = store()
    return _corrections(current.url, current.revision())
