"""Chart builders: plotly figures that read well on screen, on a projector, in images and on slides.

One place decides the look: a fixed colour per value of a field (from the field
catalogue), one sequential scale for counts, Guatemalan number format, bars sorted
with count and share written beside them, hover texts with counts and percentages,
whole numbers on every count axis. A `Look` says how big everything is drawn; the
same builder serves the dashboard, the PNG/SVG images, the PowerPoint and the
presentation mode. Builders take the small frames of `analysis.view.aggregation` and
return figures; they never touch Streamlit.
"""
import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis import fields
from analysis.fields.ranking import rank
from analysis.formatting import PLOTLY_SEPARATORS
from analysis.presentation.maps import MapCanvas, integer_ticks
from analysis.presentation.plotly_layout import merged, new_figure, set_layout
from analysis.presentation.text_width import width
from analysis.text import two_lines

GRID = "#EBF0F8"

AMBITO_COLORS = fields.get("ambito").colors
BAR_COLOR = "#1F4E79"
# Arial, or a font of the same letter widths (Liberation Sans, Helvetica): analysis.text_width knows them.
FONT_FAMILY = "Arial, Liberation Sans, Helvetica, sans-serif"
PAD = 8  # px between the plot and its axes' labels
TICK_GAP = 4  # px plotly leaves between a tick label and the axis
INK = "#1A1A1A"
# Light to mid blue: every cell stays light enough for its number in INK to read at 5.9:1 or more.
HEATMAP_SCALE = [[0, "#F7FBFF"], [0.15, "#C6DBEF"], [0.5, "#9CC3E4"], [1, "#5E9CD3"]]
PAIRED_COLORS = ("#6A8DB8", "#1F4E79")  # the two sides of a comparison, both 3:1 or more against white


@dataclass(frozen=True)
class Look:
    """How big a chart is drawn. `height` fixes the figure's height (else it grows with its rows)."""

    font: int = 16
    title: int = 20
    ticks: int = 15
    bar: int = 34  # px per bar or heatmap row when the height follows the rows
    label_width: int = 48  # characters of a category label before it is shortened
    map: MapCanvas = MapCanvas()
    height: int | None = None
    width: int | None = None
    show_title: bool = True
    subtitle_lines: int = 0  # lines under the title (an exported image's view and marking)
    # Drawn by the analyst's browser, whose chart font is known: margins are computed. Images and slides
    # are drawn by kaleido on the server, whose fonts may differ: plotly measures their labels (automargin).
    browser: bool = False

    def sized(self, rows: int, minimum: int, extra: int, row_px: int | None = None) -> int:
        """The figure height: fixed by the look, or room for `rows` rows (of `row_px`, default the bar) plus `extra`."""
        return self.height or max(minimum, extra + (row_px or self.bar) * rows)


SCREEN = Look(browser=True)
# 1920×1080 images: the title and the lines under it are added by analysis.images.
IMAGE = Look(font=24, title=34, ticks=22, bar=46, label_width=60, width=1920, height=1080,
             map=MapCanvas(1840, 760, 20), subtitle_lines=2)
# Pictures on a slide are drawn at the size they take there (about 110 px per inch) and rendered at
# a higher pixel scale, so their text reads like the slide's own (12–14 pt) and the file is ≥ 1920 px wide.
# They fill the slide's body (12.3 × 5.1 in) and their text is at least the native charts' (20 px ≈ 13 pt there).
SLIDE_MAP = Look(font=21, title=24, ticks=20, bar=30, width=1356, height=566, map=MapCanvas(1356, 566, 19),
                 show_title=False)
SLIDE_WIDE = Look(font=21, title=24, ticks=20, bar=30, width=1356, height=566, show_title=False)
PRESENT = Look(font=20, title=26, ticks=18, bar=36, label_width=56, height=450, map=MapCanvas(1100, 440, 13),
               show_title=False, browser=True)


def literal(text: object) -> str:
    """Text as plotly should draw it: plotly reads tags (<b>, <a href>) and entities in every label,
    and the values are the users' own, so they are escaped to show exactly as written."""
    return html.escape(str(text), quote=False)


def short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def category_label(text: str, look: "Look") -> str:
    """A bar's category: shortened past the look's limit, broken over two lines when long, so a
    half-width chart keeps room for its bars."""
    text = short(text, look.label_width)
    return "<br>".join(map(literal, two_lines(text))) if len(text) > 26 else literal(text)


def fitted_labels(values: list[str], look: "Look", room: float) -> tuple[list[str], int]:
    """Category labels and their type size for a chart of fixed height (`room` px for the rows): every label
    drawn, none over its neighbour. A long name is cut to one line when two lines do not fit (the hover and the
    slide notes keep it whole); the type shrinks to the room each row gets, never under 11 px."""
    labels = [category_label(v, look) for v in values]
    if not look.height or not values:
        return labels, look.ticks
    row = room / len(values)
    lines = max(label.count("<br>") + 1 for label in labels)
    one_line = [literal(short(v, 30)) for v in values]
    if lines > 1 and row < lines * look.ticks * 1.25 and len(set(one_line)) == len(one_line):
        labels, lines = one_line, 1
    return labels, max(11, min(look.ticks, int(row / (lines * 1.25))))


def pitch(labels: list[str], look: "Look") -> int:
    """Pixels per bar: the look's bar height, or more when a label runs over several lines."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return max(look.bar, int(lines * look.ticks * 1.3) + 10)


def wrap(text: str, width: int = 12) -> str:
    """Break a long axis label over lines so it never needs cutting."""
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join(map(literal, lines))


def top_margin(fig: go.Figure, look: Look, title: str | None, legend_on_top: bool = True) -> int:
    """Room above the plot: the title (when the look shows titles) and a legend between title and plot."""
    legend = legend_on_top and sum(1 for t in fig.data if getattr(t, "showlegend", False) is not False
                                   and getattr(t, "name", None)) > 1
    title_room = look.title * 3 + look.subtitle_lines * (look.ticks + 10) if title and look.show_title else 16
    return title_room + (look.font * 3 if legend else 0)


def style(fig: go.Figure, look: Look, title: str | None = None, height: int | None = None,
          legend_on_top: bool = True, x: Mapping | None = None, y: Mapping | None = None,
          **layout) -> go.Figure:
    """The house style, applied to every figure, with the builder's own properties of the x and y axes
    and of the layout (`x`, `y`, `layout`) merged over it. A legend sits between the title and the plot,
    unless the figure keeps its own (maps put theirs under the plot)."""
    top = top_margin(fig, look, title, legend_on_top)
    title = title if look.show_title else None
    patch = dict(
        font=dict(family=FONT_FAMILY, size=look.font, color=INK), plot_bgcolor="white", paper_bgcolor="white",
        separators=PLOTLY_SEPARATORS, hovermode="closest",
        title=dict(text=title, font=dict(size=look.title), x=0, xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(t=12)) if title else None,
        margin=dict(l=10, r=24, t=top, b=10, pad=PAD), hoverlabel=dict(font=dict(size=look.font)),
    )
    if height or look.height:
        patch["height"] = height or look.height
    if look.width:
        patch["width"] = look.width
    if legend_on_top:
        legend = sum(1 for t in fig.data if getattr(t, "showlegend", False) is not False and getattr(t, "name", None))
        patch.update(showlegend=legend > 1, legend=dict(font=dict(size=look.ticks), orientation="h", yanchor="bottom",
                                                       y=1.0, x=0, title=None, traceorder="normal"))
    # ticklabeloverflow: plotly's default has the browser measure each tick label against the figure on every
    # draw (20 ms of Resumen's redraw); margins here always hold the labels, so nothing is ever hidden.
    axes = dict(tickfont=dict(size=look.ticks, color=INK), title=dict(font=dict(size=look.font)), gridcolor=GRID,
                zerolinecolor=GRID, linecolor=GRID, ticklabeloverflow="allow")
    return set_layout(fig, merged(patch, layout), merged(axes, x or {}), merged(axes, y or {}))


def _meta(field: str | None, values) -> list[dict] | None:
    """Per-point {filter field: value}, read by the dashboard to filter on a click."""
    return [{field: v} if v not in ("", fields.blank_word(field)) else None for v in values] if field else None


def whole_step(largest: float, most: int = 6) -> int:
    """The step between the ticks of a count axis from zero: whole, on a 1-2-5 scale, at most `most` ticks.
    Declared once for plotly's axes and the native PowerPoint charts' major unit."""
    ticks = integer_ticks(0, max(math.ceil(largest), 1), most)
    return ticks[1] - ticks[0]


def count_axis(largest: float, title: str | None = None) -> dict:
    """A count axis from zero to just past the largest value, with whole-number ticks only."""
    axis = dict(range=[0, max(largest * 1.02, 1)], tickformat=",d", rangemode="tozero", tick0=0,
                dtick=whole_step(largest))
    return axis | dict(title=dict(text=title)) if title else axis


def value_axis(largest: float) -> dict:
    """The value axis of bars that carry their own number: no ticks, title or grid repeat it in smaller
    type (on a half-width chart at 1280 px they crowded into «0100200300»); only the range, from zero to
    just past the longest bar, and nothing for plotly to measure."""
    return dict(range=[0, max(largest * 1.02, 1)], visible=False, automargin=False)


def written_bars(labels: list[str], largest: float, written, look: Look, ticks: int | None = None) -> dict:
    """`style`'s axes and margins for horizontal bars with their numbers (`written`) beside them: the
    hidden value axis (`value_axis`), the category axis, a left margin that holds the widest label and a
    right margin that holds the longest number.

    On screen the left margin is computed from the letters' widths (analysis.text_width) and plotly
    measures nothing: its automargin was a third of drawing each chart after every filter change."""
    ticks = ticks or look.ticks
    widest = max((width(line, ticks) for label in labels for line in label.split("<br>")), default=0)
    every = dict(tickmode="array", tickvals=labels, ticktext=labels, tickfont=dict(size=ticks)) if look.height else {}
    return dict(x=value_axis(largest), y=dict(automargin=not look.browser, **every),
                margin=dict(l=10 + math.ceil(widest) + TICK_GAP + PAD, r=label_room(written, look)))


def label_room(texts, look: Look) -> int:
    """Pixels the longest label written past the end of a bar needs (kept as right margin, so it is never cut)."""
    return int(max((len(str(t)) for t in texts), default=0) * 0.6 * look.ticks) + 12


def bars(frame: pd.DataFrame, column: str, title: str, look: Look = SCREEN, colors: dict[str, str] | None = None,
         sort: bool = True, field: str | None = None) -> go.Figure:
    """Horizontal bars of a count_by frame, largest on top, with «count (share)» written beside each bar.

    `field` names the filter a click on a bar sets (e.g. "departamento").
    """
    if sort:  # largest on top, ties in the one order every caption names them in (fields.ranking)
        frame = frame.set_index(column).loc[rank(frame.set_index(column)["necesidades"]).index].reset_index()
    data = frame.iloc[::-1]
    values = [str(v) or fields.blank_word(column) for v in data[column]]
    labels, ticks = fitted_labels(values, look, (look.height or 0) - top_margin(new_figure(), look, title) - 20)
    fig = new_figure(go.Bar(
        x=data["necesidades"], y=labels, orientation="h",
        marker_color=[(colors or {}).get(v, BAR_COLOR) for v in values],
        text=[f"{n:,} ({p:.1f} %)" for n, p in zip(data["necesidades"], data["porcentaje"])],
        textposition="outside", cliponaxis=False, textfont=dict(size=look.ticks),
        customdata=list(zip(map(literal, values), data["porcentaje"])), meta=_meta(field, values),
        hovertemplate="<b>%{customdata[0]}</b><br>%{x:,} necesidades (%{customdata[1]:.1f} %)<extra></extra>",
    ))
    return style(fig, look, title, look.sized(len(data), 240, 90, pitch(labels, look)),
                 **written_bars(labels, float(data["necesidades"].max() or 0), fig.data[0].text, look, ticks))


def heatmap(table: pd.DataFrame, title: str, x_title: str, y_title: str, look: Look = SCREEN,
            fields_: tuple[str, str] | None = None, unit: str = "necesidades") -> go.Figure:
    """Counts of a crosstab as a heatmap with the number written in each cell (`unit` names them in the hover).

    `fields_` (row filter, column filter) makes each cell clickable: heatmaps take no
    clicks in plotly, so a near-invisible marker over each cell carries its two values
    (and the cell's hover text).
    """
    totals = table.to_numpy().sum() or 1
    xs = [wrap(short(str(c), 40), 12 if len(table.columns) > 4 else 20) for c in table.columns]
    header = max(x.count("<br>") + 1 for x in xs) * look.ticks * 1.3 if xs else 0  # the wrapped column headers
    ticks = look.ticks
    if look.height:  # a fixed height (presentation, images): the type follows the room each row gets
        row_px = (look.height - header - top_margin(new_figure(), look, title) - 30) / max(len(table.index), 1)
        ticks = max(9, min(look.ticks, int(row_px * 0.8)))
    ys = [literal(short(str(i), look.label_width)) for i in table.index]
    hover = (f"{y_title}: <b>%{{customdata[2]}}</b><br>{x_title}: <b>%{{customdata[3]}}</b><br>"
             f"%{{customdata[0]:,}} {unit} (%{{customdata[1]:.1f}} % del total)<extra></extra>")
    custom = [[[int(table.at[r, c]), 100 * float(table.at[r, c]) / totals, literal(r), literal(c)]
               for c in table.columns] for r in table.index]
    high = int(table.to_numpy().max()) if table.size else 0
    fig = new_figure(go.Heatmap(
        z=table.to_numpy(), x=xs, y=ys, zmin=0, zmax=max(high, 1), colorscale=HEATMAP_SCALE,
        text=table.to_numpy(), texttemplate="%{text:,}", textfont=dict(size=ticks, color=INK), customdata=custom,
        xgap=2, ygap=2, hovertemplate=hover, showscale=False,  # every cell carries its number: no scale needed
    ))
    if fields_:
        cells = [(x, y, custom[i][j], {fields_[0]: str(r), fields_[1]: str(c)})
                 for i, (r, y) in enumerate(zip(table.index, ys)) for j, (c, x) in enumerate(zip(table.columns, xs))]
        fig.add_trace(go.Scatter(
            x=[c[0] for c in cells], y=[c[1] for c in cells], mode="markers", customdata=[c[2] for c in cells],
            meta=[c[3] for c in cells], hovertemplate=hover, showlegend=False,
            marker=dict(symbol="square", size=28, opacity=0.01, color="#000"),
        ))
    return style(fig, look, title, look.sized(len(table.index), 280, int(header) + 120),
                 # ranges fixed to the cells: left automatic, the clickable markers' size pads them with empty bands
                 x=dict(side="top", tickangle=0, automargin=True, type="category", range=[-0.5, len(xs) - 0.5]),
                 y=dict(range=[len(ys) - 0.5, -0.5], automargin=True, type="category", tickfont=dict(size=ticks)),
                 margin=dict(t=top_margin(fig, look, title) + header))  # the column headers sit under the title


def stacked(table: pd.DataFrame, title: str, colors: dict[str, str], look: Look = SCREEN) -> go.Figure:
    """Horizontal stacked bars (rows = bars, columns = segments), largest total on top, total written beside."""
    data = table.loc[rank(table.sum(axis=1).rename_axis(table.index.name)).index[::-1]]
    totals = data.sum(axis=1)
    legend_rows = 2 if len(data.columns) > 3 else 1
    labels, ticks = fitted_labels([str(i) for i in data.index], look,
                                  (look.height or 0) - top_margin(new_figure(), look, title) - legend_rows * look.font * 1.6
                                  - look.ticks * 3.5)
    fig = new_figure()
    for column in data.columns:
        share = (data[column] / totals.where(totals > 0, 1) * 100).to_numpy()
        fig.add_trace(go.Bar(
            name=str(column), x=data[column], y=labels, orientation="h",
            marker_color=colors.get(column, BAR_COLOR), customdata=share,
            hovertemplate=f"<b>%{{y}}</b><br>{column}: %{{x:,}} (%{{customdata:.1f}} %)<extra></extra>",
        ))
    fig.add_trace(go.Scatter(x=totals, y=labels, mode="text", text=[f"{t:,}" for t in totals],
                             textposition="middle right", textfont=dict(size=look.ticks), hoverinfo="skip",
                             showlegend=False, cliponaxis=False))
    return style(fig, look, title, look.sized(len(data), 260, 140, pitch(labels, look)),
                 x=count_axis(float(totals.max() or 0), "Necesidades"), barmode="stack",
                 y=dict(automargin=True, tickfont=dict(size=ticks), tickmode="array", tickvals=labels, ticktext=labels),
                 margin=dict(r=label_room(fig.data[-1].text, look)))


def table_figure(frame: pd.DataFrame, title: str, look: Look = SCREEN, widths: list[int] | None = None) -> go.Figure:
    """A small table as a figure (for images and presentation mode)."""
    fig = new_figure(go.Table(
        columnwidth=widths, header=dict(values=[f"<b>{c}</b>" for c in frame.columns], fill_color="#1F3A5F",
                                        font=dict(color="white", size=look.ticks), align="left", height=look.bar),
        cells=dict(values=[frame[c].map(lambda v: f"{v:,}" if isinstance(v, int) else literal(v))
                           for c in frame.columns],
                   font=dict(size=look.ticks), align="left", height=look.bar, fill_color="white",
                   line_color="#D9D9D9"),
    ))
    return style(fig, look, title, look.sized(len(frame) + 1, 200, 40))


def ranked(frame: pd.DataFrame, column: str, value: str, title: str, look: Look = SCREEN, texts: list[str] | None = None,
           field: str | None = None) -> go.Figure:
    """Horizontal bars of any measure, in the frame's order from the top (the departamentos that raised
    a need, needs per 100,000 inhabitants), with `texts` written beside each bar and in its hover.

    `field` names the filter a click on a bar sets.
    """
    data = frame.iloc[::-1]
    values = [str(v) or fields.blank_word(column) for v in data[column]]
    labels, ticks = fitted_labels(values, look, (look.height or 0) - top_margin(new_figure(), look, title) - 20)
    written = list(texts[::-1]) if texts is not None else [f"{v:,}" for v in data[value]]
    fig = new_figure(go.Bar(
        x=data[value], y=labels, orientation="h", marker_color=BAR_COLOR, text=[literal(t) for t in written],
        textposition="outside", cliponaxis=False, textfont=dict(size=look.ticks),
        customdata=[[literal(v), literal(t)] for v, t in zip(values, written)], meta=_meta(field, values),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    ))
    return style(fig, look, title, look.sized(len(data), 240, 90, pitch(labels, look)),
                 **written_bars(labels, float(data[value].max() or 0) if len(data) else 0.0, written, look, ticks))


def paired(table: pd.DataFrame, title: str, look: Look = SCREEN, colors: tuple[str, str] = PAIRED_COLORS,
           field: str | None = None) -> go.Figure:
    """Two sets side by side: one bar per set for each row of `table` (its two columns, named as the legend
    says), rows from the top in the table's order, each bar's count written beside it."""
    data = table.iloc[::-1]
    values = [str(v) for v in data.index]
    labels = [category_label(v, look) for v in values]
    fig = new_figure()
    for name, color in reversed(list(zip(data.columns, colors))):  # plotly stacks a group's bars bottom-up
        fig.add_trace(go.Bar(
            name=literal(name), x=data[name], y=labels, orientation="h", marker_color=color,
            text=[f"{int(n):,}" for n in data[name]], textposition="outside", cliponaxis=False,
            textfont=dict(size=look.ticks), meta=_meta(field, values), customdata=[literal(v) for v in values],
            hovertemplate=f"<b>%{{customdata}}</b><br>{literal(name)}: %{{x:,}} necesidades<extra></extra>",
        ))
    return style(fig, look, title, look.sized(len(data), 260, 150, 2 * pitch(labels, look) - 10),
                 **written_bars(labels, float(data.to_numpy().max()) if data.size else 0.0,
                                [f"{int(n):,}" for n in data.to_numpy().ravel()] or [""], look),
                 barmode="group", bargap=0.25, bargroupgap=0.05,
                 legend=dict(traceorder="reversed"))  # the first set first, as on each group's top bar


def columns(table: pd.DataFrame, title: str, colors: dict[str, str], look: Look = SCREEN) -> go.Figure:
    """Vertical stacked columns over time (rows = periods in order, columns = segments), total above each."""
    totals = table.sum(axis=1)
    xs = [wrap(str(i), 10) for i in table.index]
    fig = new_figure()
    for column in table.columns:
        fig.add_trace(go.Bar(
            name=literal(column), x=xs, y=table[column], marker_color=colors.get(column, BAR_COLOR),
            customdata=[literal(i) for i in table.index],
            hovertemplate=f"<b>%{{customdata}}</b><br>{literal(column)}: %{{y:,}} necesidades<extra></extra>",
        ))
    fig.add_trace(go.Scatter(x=xs, y=totals, mode="text", text=[f"{int(t):,}" for t in totals],
                             textposition="top center", textfont=dict(size=look.ticks), hoverinfo="skip",
                             showlegend=False, cliponaxis=False))
    return style(fig, look, title, look.height or 420, x=dict(type="category", tickangle=0, automargin=True),
                 y=count_axis(float(totals.max()) * 1.08 if len(totals) else 0.0, "Necesidades"), barmode="stack")
