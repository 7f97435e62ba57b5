"""Chart images (PNG, SVG) for slides and documents, rendered by kaleido in a local browser.

kaleido draws plotly figures in a Chrome/Chromium it drives headless; the browser is
found by `analysis.presentation.browser` ($BROWSER_PATH or the usual install places) and kept
running between images, so only the first image pays for its start (about 2 s; the
next ones take a fraction of a second). No request leaves the machine: plotly.js
comes from the installed plotly and MathJax is off.
"""
import threading

import plotly.graph_objects as go

from analysis.presentation.browser import HOW_TO_GET_ONE, find_browser
from analysis.presentation.charts import IMAGE, Look, literal
from analysis.presentation.panels import Drawn
from analysis.presentation.plotly_layout import set_layout
from analysis.presentation.provenance import Provenance

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
_lock = threading.Lock()  # kaleido's sync server is one per process: one render at a time
_started = False


class ImagesUnavailable(Exception):
    """No browser to draw images with; the message says how to get one, in Spanish."""


def available() -> bool:
    return find_browser() is not None


def unavailable_reason() -> str:
    return f"No se pueden generar imágenes: este equipo no tiene Chromium ni Chrome. {HOW_TO_GET_ONE}"


def framed(drawn: Drawn, provenance: Provenance, look: Look = IMAGE) -> go.Figure:
    """The panel's figure with its title and, under it, the view, the count, the cut-off and the marking.

    The look has already kept room above the plot for these lines (`Look.subtitle_lines`).
    """
    fig = go.Figure(drawn.figure)
    subtitle = "<br>".join(f"<span style='font-size:{look.ticks - 2}px;color:#4A4A4A'>{literal(line)}</span>"
                           for line in provenance.lines())
    return set_layout(fig, dict(title=dict(text=f"{literal(drawn.title)}<br>{subtitle}", font=dict(size=look.title),
                                           x=0.01, xanchor="left", y=0.985, yref="container", yanchor="top"),
                                width=look.width, height=look.height))


def render(figures: list[go.Figure], fmt: str = "png", width: int = 1920, height: int = 1080,
           min_pixels: int = 1920) -> list[bytes]:
    """Each figure as image bytes (`fmt` png or svg), all in one browser session.

    A figure narrower than `min_pixels` is rendered at a pixel scale that makes the PNG at
    least that wide, its text keeping its proportion to the picture.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Formato de imagen no válido: {fmt}")
    browser = find_browser()
    if browser is None:
        raise ImagesUnavailable(unavailable_reason())
    import kaleido
    global _started
    with _lock:
        if not _started:
            kaleido.start_sync_server(path=browser, mathjax=False, silence_warnings=True)
            _started = True
        rendered = []
        for fig in figures:
            w, h = fig.layout.width or width, fig.layout.height or height
            scale = max(1.0, min_pixels / w)
            rendered.append(kaleido.calc_fig_sync(fig, opts=dict(format=fmt, width=w, height=h, scale=scale)))
        return rendered


def panel_image(drawn: Drawn, provenance: Provenance, fmt: str = "png") -> bytes:
    """One panel as a framed 1920×1080 image."""
    return render([framed(drawn, provenance)], fmt)[0]
