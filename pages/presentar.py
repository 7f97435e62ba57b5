"""Presentar: one panel at a time, full width, large type, for the projector.

Same slides and order as the PowerPoint (cover, key panels, method). «Anterior» and
«Siguiente» (or the arrow keys) move; the slide number is in the address, so a
link opens the same slide. The sidebar and banners are hidden; the filters in force
are the subtitle of every slide.
"""
import streamlit as st

from analysis.presentation import PANELS, PRESENT
from analysis.reports import deck
from ui import data
from ui import view as views
from ui.actions import page_choices
from ui.deck import slides as deck_slides
from ui.saved_views import current_params
from ui.widgets import chart, empty_state

PARAM = "diapositiva"

st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
.block-container {padding-top: 0.8rem; padding-bottom: 0; max-width: 100%;}
.diapositiva-titulo {font-size: 1.7rem !important; padding: 0 !important; font-weight: 700; color: #1F3A5F; line-height: 1.2; margin: 0.2rem 0;}
.diapositiva-subtitulo {font-size: 1.15rem; color: #333; margin-bottom: 0;}
.diapositiva-marca {font-size: 0.95rem; color: #B3261E; font-weight: 600;}
.diapositiva-texto {font-size: 1.3rem; line-height: 1.45; color: #1A1A1A;}
</style>""")

view = views.current()
if view.needs.empty:
    empty_state(view)
    st.stop()
context = view.context(page_choices())
slides = deck_slides(context)
try:
    number = min(max(int(st.query_params.get(PARAM, 1)), 1), len(slides))
except ValueError:
    number = 1


def go(to: int) -> None:
    st.query_params[PARAM] = str(to)


provenance = view.provenance()
controls = st.columns([1.2, 1.2, 5, 1.2], vertical_alignment="center")
controls[0].button("Anterior", icon=":material/arrow_back:", on_click=go, args=(number - 1,), disabled=number == 1,
                   shortcut="Left", width="stretch")
controls[1].button("Siguiente", icon=":material/arrow_forward:", on_click=go, args=(number + 1,),
                   disabled=number == len(slides), shortcut="Right", width="stretch")
controls[2].markdown(f"**{number} / {len(slides)}** · {provenance.view_line()}")
controls[3].page_link("pages/resumen.py", label="Salir", icon=":material/close:",
                      query_params={k: v for k, v in current_params().items() if k != PARAM})

slide = slides[number - 1]


def block(css: str, text: str) -> None:
    """A line of the slide; its title is the page's h1 (what a screen reader announces for the slide)."""
    import html
    tag = "h1" if css == "diapositiva-titulo" else "div"
    st.html(f"<{tag} class='{css}'>{html.escape(text)}</{tag}>")


if slide.key == deck.COVER:
    block("diapositiva-titulo", deck.TITLE)
    block("diapositiva-subtitulo", provenance.institution)
    for line in deck.cover_lines(provenance):
        block("diapositiva-texto", line)
    block("diapositiva-texto", deck.sources_line(provenance))
elif slide.key == deck.METHOD:
    block("diapositiva-titulo", deck.METHOD_TITLE)
    for line in deck.method_lines(data.uploads()) + list(deck.METHOD_NOTES):
        block("diapositiva-texto", line)
else:
    drawn = PANELS[slide.key].draw(context, PRESENT)
    block("diapositiva-titulo", drawn.takeaway)
    block("diapositiva-subtitulo", f"{drawn.title} · {view.filters.summary()}")
    chart(drawn.figure, key=f"presentar_{slide.key}", clickable=False)
block("diapositiva-marca", provenance.marking)
