"""A panel of the catalogue on a page: the chart (clicks narrow the filters), its takeaway, its data, its images.

Every chart of every page is drawn through `show`, so each gets the same click-to-filter,
the same one-sentence reading under it, the same accessible name (its title and takeaway, which
ui/accesible.js ties to the chart), the same «Ver datos» table of its numbers and the same «Imagen»
menu (PNG at 1920×1080 and SVG, framed with the view, the cut-off and the classification marking).
"""
import html

import streamlit as st

from analysis.formatting import plain
from analysis.presentation import IMAGE, PANELS, SCREEN, Drawn, images
from analysis.presentation.chart_data import chart_table
from analysis.reports import file_name
from ui import auth
from ui.view import View
from ui.widgets import chart, open_menu, open_section, show_table


def show(key: str, view: View, choices: dict | None = None, takeaway: bool = True) -> Drawn:
    """Draw panel `key` for the view; returns what was drawn (its numbers and takeaway)."""
    panel = PANELS[key]
    context = view.context(choices)
    drawn = view.shared(("panel", key, *sorted((k, repr(v)) for k, v in context.choices.items())), lambda: panel.draw(context, SCREEN))
    with st.container(key=f"grafica_{key}", gap="small"):
        st.html(f"<p class='visualmente-oculto nombre-grafica'>{html.escape(drawn.title)}. "
                f"{html.escape(plain(drawn.takeaway))}</p>")
        chart(drawn.figure, key=f"panel_{key}", clickable=bool(panel.narrows))
    row = st.container(horizontal=True, vertical_alignment="top", gap="small")
    if takeaway:
        row.caption(plain(drawn.takeaway), width="stretch")
    menu = open_menu(row, "Imagen", f"imagen_{key}", icon=":material/image:", width="content",
                     help="Descargar esta gráfica como imagen.")
    if menu is not None:
        with menu:
            _image_buttons(key, view, context)
    if data := open_section("Ver datos", f"datos_{key}", icon=":material/table:"):
        sides = (context.sides.antes, context.sides.despues) if panel.kind == "paired" and context.sides else None
        with data:
            show_table(chart_table(drawn.data, sides))
    return drawn


def _image_buttons(key: str, view: View, context) -> None:
    if not images.available():
        st.caption(images.unavailable_reason())
        return
    provenance = view.provenance()

    def render(fmt: str):
        return lambda: images.panel_image(PANELS[key].draw(context, IMAGE), provenance, fmt)

    for fmt, label in (("png", "PNG (1920 × 1080)"), ("svg", "SVG (vectorial)")):
        name = file_name(key, view.filters, fmt)
        st.download_button(label, auth.recorded(name, render(fmt)), file_name=name, mime=images.FORMATS[fmt],
                           on_click="ignore", icon=":material/download:", width="stretch", key=f"img_{key}_{fmt}")
