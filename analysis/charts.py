"""Chart builders: plotly figures that read well on screen, on a projector and in slides.

One place decides the look: a fixed colour per ámbito on every chart, one
sequential scale for counts, fonts of at least 14 px, Guatemalan number format,
bars sorted, hover texts with counts and percentages. Builders take the small
frames of `analysis.aggregation` and return figures; they never touch Streamlit.
Maps use MapLibre traces on an empty style, so they draw with no internet.
"""
import math

import pandas as pd
import plotly.graph_objects as go

from analysis.formatting import PLOTLY_SEPARATORS
from analysis.geo import bounds
from analysis.reference import SIN_ESPECIFICAR

AMBITO_COLORS = {
    "Seguridad Interior": "#1F4E79",
    "Seguridad Exterior": "#2E8B57",
    "Gestión de Riesgos y Defensa Civil": "#D9731A",
    "Inteligencia de Estado": "#7B3F9E",
    SIN_ESPECIFICAR: "#9E9E9E",
}
PRIORIDAD_COLORS = {"Alta": "#B3261E", "Media": "#E6A23C", "Baja": "#6B9E78", "Sin dato": "#BDBDBD"}
ESTADO_COLORS = {"Identificada": "#8FA9C8", "En seguimiento": "#E6A23C", "Atendida": "#2E8B57", "Sin dato": "#BDBDBD"}
SEQUENTIAL = [[0.0, "#DCE6F2"], [0.5, "#6A93C4"], [1.0, "#12355B"]]
NO_DATA_COLOR = "#EFEFEF"
BAR_COLOR = "#1F4E79"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color="#1A1A1A")
BAR_HEIGHT = 34  # px per bar: labels stay legible when projected


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def style(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """The house style, applied to every figure. A legend sits between the title and the plot."""
    legend = any(getattr(trace, "showlegend", None) is not False and trace.name for trace in fig.data) and len(
        fig.data) > 1
    top = (60 if title else 20) + (70 if legend else 0)
    fig.update_layout(
        template="plotly_white", font=FONT, separators=PLOTLY_SEPARATORS,
        title=dict(text=title, font=dict(size=20), x=0, xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(t=12)) if title else None,
        margin=dict(l=10, r=20, t=top, b=10), hoverlabel=dict(font_size=16), showlegend=legend,
        legend=dict(font=dict(size=15), orientation="h", yanchor="bottom", y=1.0, x=0, title=None,
                    traceorder="normal"),
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(tickfont=dict(size=15, color="#1A1A1A"), title_font=dict(size=16))
    fig.update_yaxes(tickfont=dict(size=15, color="#1A1A1A"), title_font=dict(size=16))
    return fig


def _meta(field: str | None, values, extra: dict | None = None) -> list[dict] | None:
    """Per-point {filter field: value} (plus `extra`), read by the dashboard to filter on a click."""
    return [{field: v, **(extra or {})} for v in values] if field else None


def bar_counts(frame: pd.DataFrame, column: str, title: str, colors: dict[str, str] | None = None,
               sort: bool = True, field: str | None = None) -> go.Figure:
    """Horizontal bars of a count_by frame, largest on top, with count and share in the label.

    `field` names the filter a click on a bar sets (e.g. "departamentos").
    """
    data = frame.sort_values("necesidades", ascending=True, kind="stable") if sort else frame.iloc[::-1]
    labels = [_short(str(v) or "Sin dato") for v in data[column]]
    fig = go.Figure(go.Bar(
        x=data["necesidades"], y=labels, orientation="h",
        marker_color=[(colors or {}).get(v, BAR_COLOR) for v in data[column]],
        text=[f"{n:,} ({p:.1f} %)" for n, p in zip(data["necesidades"], data["porcentaje"])],
        textposition="auto", customdata=list(zip(data[column], data["porcentaje"])), meta=_meta(field, data[column]),
        hovertemplate="<b>%{customdata[0]}</b><br>%{x:,} necesidades (%{customdata[1]:.1f} %)<extra></extra>",
    ))
    fig.update_xaxes(title="Necesidades", rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return style(fig, title, height=max(260, 90 + BAR_HEIGHT * len(data)))


def ambito_bars(frame: pd.DataFrame, title: str = "Necesidades por ámbito de seguridad") -> go.Figure:
    return bar_counts(frame, "ambito", title, colors=AMBITO_COLORS, sort=False, field="ambito")


def _wrap(text: str, width: int = 12) -> str:
    """Break a long axis label over lines so it never needs cutting."""
    words, lines = text.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join(lines)


def heatmap(table: pd.DataFrame, title: str, x_title: str, y_title: str,
            fields: tuple[str, str] | None = None) -> go.Figure:
    """Counts of a crosstab as a heatmap with the number written in each cell.

    `fields` (row filter, column filter) makes each cell clickable: heatmaps take no
    clicks in plotly, so a near-invisible marker over each cell carries its two values
    (and the cell's hover text).
    """
    totals = table.to_numpy().sum() or 1
    pct = table / totals * 100
    xs = [_wrap(str(c)) for c in table.columns]
    ys = [str(i) for i in table.index]
    hover = (f"{y_title}: <b>%{{customdata[2]}}</b><br>{x_title}: <b>%{{customdata[3]}}</b><br>"
             "%{customdata[0]:,} necesidades (%{customdata[1]:.1f} % del total)<extra></extra>")
    cells = [(x, y, [int(table.at[row, col]), float(pct.at[row, col]), str(row), str(col)], row, col)
             for row, y in zip(table.index, ys) for col, x in zip(table.columns, xs)]
    fig = go.Figure(go.Heatmap(
        z=table.to_numpy(), x=xs, y=ys,
        colorscale=SEQUENTIAL, text=table.to_numpy(), texttemplate="%{text:,}", textfont=dict(size=15),
        customdata=[[c[2] for c in cells[i:i + len(xs)]] for i in range(0, len(cells), len(xs))],
        xgap=2, ygap=2, colorbar=dict(title="Necesidades"), hovertemplate=hover,
    ))
    if fields:
        fig.add_trace(go.Scatter(
            x=[c[0] for c in cells], y=[c[1] for c in cells], mode="markers", customdata=[c[2] for c in cells],
            meta=[{fields[0]: c[3], fields[1]: c[4]} for c in cells], hovertemplate=hover, showlegend=False,
            marker=dict(symbol="square", size=28, opacity=0.01, color="#000"),
        ))
    fig.update_yaxes(autorange="reversed", automargin=True, title=None)
    fig.update_xaxes(side="top", title=None, tickangle=0, automargin=True)
    style(fig, title, height=max(320, 160 + 32 * len(table.index)))
    return fig.update_layout(margin_t=120)  # room for the title above the column labels


def stacked_bars(table: pd.DataFrame, title: str, colors: dict[str, str]) -> go.Figure:
    """Horizontal stacked bars (rows = bars, columns = segments), largest total on top."""
    data = table.loc[table.sum(axis=1).sort_values(ascending=True, kind="stable").index]
    totals = data.sum(axis=1)
    fig = go.Figure()
    for column in data.columns:
        share = (data[column] / totals.where(totals > 0, 1) * 100).to_numpy()
        fig.add_trace(go.Bar(
            name=str(column), x=data[column], y=[_short(str(i), 36) for i in data.index], orientation="h",
            marker_color=colors.get(column, BAR_COLOR), customdata=share,
            hovertemplate=f"<b>%{{y}}</b><br>{column}: %{{x:,}} (%{{customdata:.1f}} %)<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Necesidades")
    fig.update_yaxes(automargin=True)
    return style(fig, title, height=max(300, 120 + BAR_HEIGHT * len(data)))


def _zoom_for(geojson: dict, width_px: int = 700) -> tuple[dict, float]:
    lon0, lat0, lon1, lat1 = bounds(geojson)
    span = max(lon1 - lon0, (lat1 - lat0) * 1.3, 0.05)
    zoom = math.log2(360 / span * width_px / 512) - 0.15
    return {"lon": (lon0 + lon1) / 2, "lat": (lat0 + lat1) / 2}, zoom


def choropleth(values: pd.DataFrame, geojson: dict, name_column: str, title: str,
               value_label: str = "necesidades", height: int = 620, field: str | None = None,
               extra: dict | None = None) -> go.Figure:
    """A map of counts per area (`codigo`, name, `necesidades`); areas at zero drawn as «Sin registros».

    Zero is shown apart from the colour scale: where no workshop reported is a
    coverage gap, not a place without problems.
    """
    center, zoom = _zoom_for(geojson)
    empty = values[values["necesidades"] == 0]
    filled = values[values["necesidades"] > 0]
    total = values["necesidades"].sum() or 1
    fig = go.Figure()
    fig.add_trace(go.Choroplethmap(
        geojson=geojson, locations=empty["codigo"], z=[0] * len(empty), featureidkey="id",
        colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]], showscale=False, marker_line_color="#8C8C8C",
        marker_line_width=1, text=empty[name_column], name="Sin registros",
        hovertemplate="<b>%{text}</b><br>Sin registros: ningún taller reportó aquí<extra></extra>",
    ))
    fig.add_trace(go.Choroplethmap(
        geojson=geojson, locations=filled["codigo"], z=filled["necesidades"], featureidkey="id",
        colorscale=SEQUENTIAL, zmin=0, marker_line_color="white", marker_line_width=1,
        text=filled[name_column], customdata=filled["necesidades"] / total * 100, meta=_meta(field, filled[name_column], extra),
        colorbar=dict(title=value_label.capitalize(), thickness=18),
        hovertemplate=f"<b>%{{text}}</b><br>%{{z:,}} {value_label} (%{{customdata:.1f}} %)<extra></extra>",
    ))
    fig.update_layout(map=dict(style="white-bg", center=center, zoom=zoom), clickmode="event+select")
    return style(fig, title, height=height)

