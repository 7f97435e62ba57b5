"""Choropleth maps as filled shapes: whole country or department always in view, areas named.

A map is drawn on an equal-aspect plane (see `analysis.presentation.geo`), so plotly fits the
whole geometry to whatever size the chart is given. Each area reads one of three
ways, kept visibly apart: coloured by its count; hatched when it lies inside the
filters but no workshop reported there («Sin registros»: a coverage gap, not an
absence of problems); pale when the filters leave it out («Fuera del filtro»).
Names and counts sit inside the areas where they fit, on a light halo that stays
readable on any colour; the rest are called out in the margin with a leader line,
as a printed map would.
"""
import math
from dataclasses import dataclass

import plotly.graph_objects as go
from shapely.geometry import box

from analysis.presentation.geo import ASPECT, Area, bounds
from analysis.presentation.plotly_layout import new_figure, set_layout
from analysis.text import two_lines

SCALE = ["#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]  # light to dark; the lightest stays visibly blue
NO_DATA_FILL = "#FFFFFF"
NO_DATA_HATCH = "#8C8C8C"
OUTSIDE_FILL = "#F1F1F1"
OUTLINE = "#5F5F5F"
INK = "#1A1A1A"
MUTED_INK = "#7A7A7A"
HALO = "rgba(255,255,255,0.78)"
DENSE_CALLOUTS = 14  # on dense maps (municipios), the smallest areas beyond this show their count only
LEGEND_PX = 70  # room under the map for the colour scale and the legend (square canvases)
COLORBAR_PX = 120  # room right of the map for the colour scale (wide canvases)
NO_DATA = "Sin registros"
OUTSIDE = "Fuera del filtro"


@dataclass(frozen=True)
class MapCanvas:
    """The size of the plot the map is drawn in, in px (labels are fitted to it); the colour scale and the
    legend take LEGEND_PX more under it."""

    width: int = 560
    height: int = 560
    font: int = 13


def _hex(color: str) -> tuple[int, ...]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def fill_color(value: float, low: float, high: float) -> str:
    """The colour of a count on the sequential scale (linear between the lowest and highest count)."""
    t = 0.5 if high <= low else (value - low) / (high - low)
    position = t * (len(SCALE) - 1)
    i = min(int(position), len(SCALE) - 2)
    a, b = _hex(SCALE[i]), _hex(SCALE[i + 1])
    mix = position - i
    return "#" + "".join(f"{round(x + (y - x) * mix):02X}" for x, y in zip(a, b))


def integer_ticks(low: int, high: int, most: int = 6) -> list[int]:
    """Whole-number ticks from low to high, at most `most`, on a 1-2-5 step."""
    if high <= low:
        return [int(low)]
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000,
                            50000, 100000) if (high - low) / s <= most - 1 or s == 100000)
    ticks = list(range(math.ceil(low / step) * step, int(high) + 1, step))
    return ticks if len(ticks) >= 2 else sorted({int(low), int(high)})


@dataclass
class _Label:
    area: Area
    name: str
    count: str  # "" for areas left out by the filters
    muted: bool
    lines: tuple[str, ...] = ()
    font: int = 13
    x: float = 0.0  # centre of the text
    y: float = 0.0
    side: str = "inside"  # inside | left | bottom

    def full(self) -> tuple[str, ...]:
        return (self.name, self.count) if self.count else (self.name,)


def _size(lines, font: int, scale: float) -> tuple[float, float]:
    """Width (degrees of longitude) and height (degrees of latitude) of a label at `scale` px per degree."""
    longest = max(len(line.replace("<b>", "").replace("</b>", "")) for line in lines)
    return (longest * 0.52 * font + 6) / scale, (len(lines) * font * 1.3 + 4) / (scale * ASPECT)


def _fits_inside(label: _Label, font: int, scale: float, taken: list) -> bool:
    """Write the label inside its area if some wording of it lies (almost) inside and overlaps no other label."""
    count = (label.count,) if label.count else ()
    for lines, size in (((label.name, *count), font), ((*two_lines(label.name), *count), font),
                        ((label.name, *count), font - 2), ((*two_lines(label.name), *count), font - 2)):
        w, h = _size(lines, size, scale)
        cx, cy = label.area.label_x, label.area.label_y
        rect = box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if label.area.polygon.intersection(rect).area >= 0.85 * rect.area and not any(rect.intersects(t) for t in taken):
            label.lines, label.font, label.x, label.y = lines, size, cx, cy
            taken.append(rect)
            return True
    return False


def _spread(positions: list[float], size: float, low: float, high: float) -> list[float]:
    """Positions moved apart so neighbours are at least `size` apart, within [low, high] when there is room."""
    placed: list[float] = []
    for p in positions:
        placed.append(max(p, placed[-1] + size) if placed else max(p, low))
    if placed and placed[-1] > high:
        placed[-1] = high
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - size)
    return placed


def legend_band(canvas: "MapCanvas") -> int:
    """Pixels under the map kept for the colour scale and the legend."""
    return 0 if is_wide(canvas) else LEGEND_PX


def is_wide(canvas: "MapCanvas") -> bool:
    """A canvas much wider than tall (16:9 images, presentation mode): margins go left and right."""
    return canvas.width >= 1.5 * canvas.height


def _column(labels: list[_Label], x: float, extent_y: tuple[float, float], font: int, scale: float) -> None:
    """Stack callouts in a column centred at x, each as near its area's height as the others allow."""
    labels.sort(key=lambda l: l.area.label_y)
    h = max(_size(l.lines, font, scale)[1] for l in labels) * 1.08
    low, high = extent_y
    for label, y in zip(labels, _spread([l.area.label_y for l in labels], h, low + h / 2, high - h / 2)):
        label.x, label.y = x, y


def _place_labels(labels: list[_Label], extent, width: float, height: float, font: int,
                  max_callouts: int | None, wide: bool) -> tuple:
    """Decide where each label goes; return the plot window (x0, x1, y0, y1) holding map and callouts.

    Labels that fit inside their area stay there; the others are called out in a margin: left or
    bottom on a square canvas, left or right on a wide one (nearest side of the map).
    """
    minx, miny, maxx, maxy = extent
    span_x, span_y = maxx - minx, maxy - miny
    gap_x, gap_y = 0.02 * span_x, 0.02 * span_y
    # The scale is set once, reserving a margin for callouts; labels that fit inside at that scale stay there.
    scale = min(width / (span_x * (1.5 if wide else 1.22)), height / (span_y * (1.04 if wide else 1.15) * ASPECT))
    taken: list = []
    callouts = []
    for label in sorted(labels, key=lambda l: -l.area.polygon.area):
        if not _fits_inside(label, font, scale, taken):
            callouts.append(label)
    limit = len(callouts) if max_callouts is None else max_callouts
    for label in callouts[limit:] + [l for l in callouts if l.muted]:  # their count only, or nothing
        label.lines, label.font = ((label.count,) if label.count else ()), font - 2
        label.x, label.y = label.area.label_x, label.area.label_y
    callouts = [l for l in callouts[:limit] if not l.muted]
    middle_x = (minx + maxx) / 2
    for label in callouts:
        label.lines, label.font = label.full(), font
        to_left, to_bottom = label.area.label_x - minx, (label.area.label_y - miny) * ASPECT
        if wide:
            label.side = "left" if label.area.label_x < middle_x else "right"
        else:
            label.side = "left" if to_left < to_bottom else "bottom"
    by_side = {side: [l for l in callouts if l.side == side] for side in ("left", "right", "bottom")}
    widest = {side: max((_size(l.lines, font, scale)[0] for l in group), default=0.0) for side, group in by_side.items()}
    left_margin = widest["left"] + 2 * gap_x if by_side["left"] else gap_x
    right_margin = widest["right"] + 2 * gap_x if by_side["right"] else gap_x
    bottom = sorted(by_side["bottom"], key=lambda l: l.area.label_x)
    cell_w = widest["bottom"] * 1.15
    row_h = max((_size(l.lines, font, scale)[1] for l in bottom), default=0.0) * 1.1
    rows = min(3, math.ceil(len(bottom) * cell_w / (span_x + left_margin))) if bottom else 0
    bottom_margin = rows * row_h + 2 * gap_y if bottom else gap_y
    x0, x1, y0, y1 = minx - left_margin, maxx + right_margin, miny - bottom_margin, maxy + gap_y
    if by_side["left"]:
        _column(by_side["left"], minx - gap_x - widest["left"] / 2, (y0, y1), font, scale)
    if by_side["right"]:
        _column(by_side["right"], maxx + gap_x + widest["right"] / 2, (y0, y1), font, scale)
    if bottom:
        xs = _spread([l.area.label_x for l in bottom], cell_w / rows, x0 + cell_w / 2, maxx - cell_w / 2)
        for i, (label, x) in enumerate(zip(bottom, xs)):
            label.x, label.y = x, miny - gap_y - row_h * (i % rows + 0.5)
    return x0, x1, y0, y1


def _annotation(label: _Label) -> dict:
    text = "<br>".join(label.lines)
    common = dict(text=text, font=dict(size=label.font, color=MUTED_INK if label.muted else INK), bgcolor=HALO,
                  borderpad=1, xref="x", yref="y", captureevents=False)
    if label.side == "inside":
        return common | dict(x=label.x, y=label.y, showarrow=False)
    return common | dict(x=label.area.label_x, y=label.area.label_y, ax=label.x, ay=label.y, axref="x", ayref="y",
                         showarrow=True, arrowhead=0, arrowwidth=0.8, arrowcolor="#6F6F6F", standoff=2)


def area_map(areas: tuple[Area, ...], counts: dict[int, int], outside: set[int], *,
             value_label: str = "necesidades", clicks: dict[int, dict] | None = None,
             canvas: MapCanvas = MapCanvas(), max_callouts: int | None = None) -> go.Figure:
    """A map of counts per area (`counts` by code; codes in `outside` are left out by the filters).

    `clicks` gives, per area code, the {filter field: value} a click on it applies. Every area
    in view is named, unless `max_callouts` caps the names called out in the margin (dense maps).
    On a square canvas the colour scale and the legend take `legend_band(canvas)` px under the
    map; on a wide one the scale stands at the right and the legend above.
    """
    shown = [counts.get(a.codigo, 0) for a in areas if a.codigo not in outside and counts.get(a.codigo, 0) > 0]
    low, high = 0, max(shown, default=0)  # the scale starts at zero, as every count axis does
    total = sum(counts.get(a.codigo, 0) for a in areas) or 1
    fig = new_figure()
    labels: list[_Label] = []
    in_legend: set[str] = set()
    for area in areas:
        count = counts.get(area.codigo, 0)
        if area.codigo in outside:
            state, fill, hover = OUTSIDE, OUTSIDE_FILL, "fuera de los filtros elegidos"
        elif count == 0:
            state, fill, hover = NO_DATA, NO_DATA_FILL, "sin registros: ningún taller reportó aquí"
        else:
            state, fill = "", fill_color(count, low, high)
            hover = f"{count:,} {value_label} ({100 * count / total:.1f} %)"
        fig.add_trace(go.Scatter(
            x=area.xs, y=area.ys, fill="toself", mode="lines", fillcolor=fill,
            fillpattern=dict(shape="/", fgcolor=NO_DATA_HATCH, size=7, solidity=0.25) if state == NO_DATA else None,
            line=dict(color="#BDBDBD" if state == OUTSIDE else OUTLINE, width=0.8),
            hoveron="fills", hoverinfo="text", text=f"<b>{area.nombre}</b><br>{hover}",
            name=state or area.nombre, legendgroup=state or None, showlegend=bool(state) and state not in in_legend,
            meta=[clicks[area.codigo]] if clicks and not state and area.codigo in clicks else None,
        ))
        in_legend.add(state)
        labels.append(_Label(area, area.nombre, "" if state == OUTSIDE else f"<b>{count:,}</b>", state == OUTSIDE,
                             font=canvas.font))
    clickable = [a for a in areas if clicks and a.codigo in clicks and a.codigo not in outside and counts.get(a.codigo)]
    if clickable:  # plotly reports no click on a filled shape: a faint marker at its heart carries the click
        fig.add_trace(go.Scatter(
            x=[a.label_x for a in clickable], y=[a.label_y for a in clickable], mode="markers", showlegend=False,
            marker=dict(size=26, opacity=0.01, color="#000"), meta=[clicks[a.codigo] for a in clickable],
            hoverinfo="text", text=[f"<b>{a.nombre}</b><br>{counts[a.codigo]:,} {value_label}" for a in clickable],
        ))
    wide = is_wide(canvas)
    x0, x1, y0, y1 = _place_labels(labels, bounds(areas), canvas.width - (COLORBAR_PX if wide and shown else 0),
                                   canvas.height, canvas.font, max_callouts, wide)
    annotations = [_annotation(l) for l in labels if l.lines]
    if shown:
        ticks = integer_ticks(low, high)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
            marker=dict(colorscale=[[i / (len(SCALE) - 1), c] for i, c in enumerate(SCALE)], cmin=low,
                        cmax=high if high > low else low + 1, color=[low], showscale=True,
                        colorbar=dict(title=dict(text=value_label.capitalize(), side="top"), tickvals=ticks,
                                      ticktext=[f"{t:,}" for t in ticks], thickness=14, outlinewidth=0,
                                      **(dict(orientation="v", len=0.6, y=0.5, yanchor="middle") if wide else
                                         dict(orientation="h", len=0.45, lenmode="fraction", x=1.0,
                                              xanchor="right", y=0, yanchor="top", ypad=6)))),
        ))
    return set_layout(fig, dict(annotations=annotations, plot_bgcolor="white", dragmode=False,
                                clickmode="event+select", hovermode="closest", showlegend=True,
                                legend=dict(orientation="h", title=None, x=0.0,
                                            **(dict(yanchor="bottom", y=1.0) if wide else dict(yanchor="top", y=0)))),
                      x=dict(visible=False, range=[x0, x1], fixedrange=True),
                      y=dict(visible=False, range=[y0, y1], scaleanchor="x", scaleratio=ASPECT, fixedrange=True))
