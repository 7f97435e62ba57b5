"""The slides of the view on screen, worked out once per view and store revision.

Which panels tell something (`analysis.reports.deck.slides`) takes every key panel's numbers
(0.1–0.2 s at 100,000 needs); Presentar asks on every «Siguiente», so the answer is kept for the
filters, the page choices and the store's revision that produced it.
"""
import json

import streamlit as st

from analysis.presentation import Context
from analysis.reports import deck
from ui import data


@st.cache_data(show_spinner=False, max_entries=32)
def _keys(url: str, revision: int, filters: str, choices: str, _context: Context) -> list[str]:
    return [slide.key for slide in deck.slides(_context)]


def slides(context: Context) -> list[deck.Slide]:
    """The deck's slides for `context` (the view and its page choices), as the PowerPoint has them."""
    store = data.store()
    key = json.dumps(context.filters.to_params(), sort_keys=True, ensure_ascii=False)
    choices = json.dumps(dict(context.choices), sort_keys=True, ensure_ascii=False)
    return [deck.Slide(k) for k in _keys(store.url, store.revision(), key, choices, context)]
