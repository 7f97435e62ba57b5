"""Drawing helpers shared by pages: charts with click-to-filter, headers, empty states."""
import html
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.sidebar import narrow
from ui.view import View, current

PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False}


def _on_select(key: str, metas: list) -> None:
    state = st.session_state.get(key)
    points = (state or {}).get("selection", {}).get("points", [])
    chosen: dict[str, list[str]] = {}
    for point in points:
        meta = metas[point.get("curve_number", 0)]
        index = point.get("point_index", point.get("point_number"))
        if meta is not None and len(meta) == 1 and not isinstance(index, int):
            index = 0  # a map area is one filled shape: a click anywhere on it is its one point
        if meta is None or not isinstance(index, int) or index >= len(meta):
            continue
        for field, value in (meta[index] or {}).items():
            chosen.setdefault(field, []).append(value)
    narrow(chosen)


def chart(fig: go.Figure, key: str, clickable: bool = True) -> None:
    """Draw a figure; if its traces carry `meta` ({field: value} per point), a click narrows the filters."""
    metas = [list(t.meta) if isinstance(t.meta, (list, tuple)) else None for t in fig.data]
    if clickable and any(m is not None for m in metas):
        st.plotly_chart(fig, key=key, on_select=partial(_on_select, key, metas), selection_mode="points",
                        config=PLOTLY_CONFIG)
    else:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG)


def open_menu(parent, label: str, key: str, **kwargs):
    """A popover whose content is drawn only while it is open: its container then, else None.

    Opening it reruns the page. Every other rerun then has its content fewer to send and redraw:
    on Resumen, the image menus of four charts were twelve of the page's 55 elements, and each
    element redrawn costs the browser a few milliseconds after every filter change."""
    menu = parent.popover(label, key=key, on_change="rerun", **kwargs)
    return menu if menu.open else None


def open_section(label: str, key: str, **kwargs):
    """An expander whose content is drawn only while it is open (as `open_menu`): its container then, else None."""
    section = st.expander(label, key=key, on_change="rerun", **kwargs)
    return section if section.open else None


def metric_cards(cards: list[tuple[str, str, str]]) -> None:
    """Headline figures as cards whose labels wrap instead of being cut: (label, value, note) each."""
    cells = "".join(
        f"<div class='tarjeta' lang='es'><div class='tarjeta-valor{'' if any(c.isdigit() for c in value) else ' texto'}'>"
        f"{html.escape(value)}</div>"
        f"<div class='tarjeta-etiqueta'>{html.escape(label)}</div>"
        + (f"<div class='tarjeta-nota'>{html.escape(note)}</div>" if note else "") + "</div>"
        for label, value, note in cards)
    st.html(f"<div class='tarjetas'>{cells}</div>")


# Free text that runs long (needs, messages, file names, examples): always the last columns of a table, so that
# at a projector's width (1280×720) the columns that carry the answer (counts, estado, the second side of a
# comparison, a problem's code) come first and are seen without scrolling sideways. A cut text is shown whole
# when its cell is hovered or opened.
LONG_TEXT = ("Necesidad", "Ejemplo", "Mensaje", "Valor", "Archivo", "Hojas", "Evento", "Por qué")


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """A read-only table with empty cells shown as «—» (Streamlit would write «None») and its long texts last.

    A column with gaps becomes text, its whole numbers written exactly («12», never «12.0»).
    """
    frame = pd.DataFrame(frame).copy()
    for column in frame.columns[frame.isna().any()]:
        frame[column] = [("—" if pd.isna(v) else f"{int(v):,}" if isinstance(v, (int, float)) and float(v).is_integer()
                          and not isinstance(v, bool) else str(v)) for v in frame[column].astype(object)]
    order = [c for c in frame.columns if c not in LONG_TEXT] + [c for c in frame.columns if c in LONG_TEXT]
    st.dataframe(frame, hide_index=True, width="stretch", column_order=order, **kwargs)


def start_page(title: str) -> View:
    """Title, the filters in words, the page's actions, and the view; stops the page with a clear message when
    nothing is in view."""
    from ui.actions import page_actions
    view = current()
    head, actions = st.columns([3, 2], vertical_alignment="bottom")
    head.title(title)
    head.caption(view.filters.summary())
    if view.needs.empty:
        empty_state(view)
        st.stop()
    with actions:
        page_actions(view, view.page)
    return view


def empty_state(view: View) -> bool:
    """Say so when nothing is in view; True if the page should stop there."""
    if view.total == 0:
        st.info("Todavía no hay necesidades registradas. Cárguelas en la página **Cargar datos**.",
                icon=":material/upload_file:")
        return True
    if view.needs.empty:
        st.warning("Ninguna necesidad coincide con los filtros elegidos. Amplíe la búsqueda o use "
                   "**Limpiar** en la barra lateral.", icon=":material/filter_alt_off:")
        return True
    return False


def upload_result_message() -> None:
    """The outcome of the last import or cancel, shown once after the page reloads."""
    if message := st.session_state.pop("_resultado_carga", None):
        kind, text = message
        {"success": st.success, "error": st.error}.get(kind, st.info)(text)
