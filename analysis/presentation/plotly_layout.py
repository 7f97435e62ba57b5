"""New plotly figures and edits of their layout, merged as plain dicts.

plotly's `update_layout`, `update_xaxes` and `update_yaxes` parse every key path anew (plotly 7.1):
about 12 ms a call, so that building the figures was most of a page's rerun (a bar chart took
18 ms, 13 of them in the house style). Rebuilding the layout from its JSON with the change merged
in takes about 1 ms and validates every property just the same.
"""
import re
from collections.abc import Mapping

import plotly.graph_objects as go


def merged(base: Mapping, patch: Mapping) -> dict:
    """`base` with `patch` merged in: nested dicts key by key, anything else replaced, None removed
    (what plotly's update does)."""
    out = dict(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = merged({}, value) if isinstance(value, Mapping) else value
    return out


def set_layout(fig: go.Figure, patch: Mapping, x: Mapping | None = None, y: Mapping | None = None) -> go.Figure:
    """Merge `patch` (nested dicts, plotly's names) into the layout of `fig`, and `x` and `y` into each of its
    x and y axes (as update_layout, update_xaxes and update_yaxes would)."""
    layout = fig.layout.to_plotly_json()
    patch = dict(patch)
    for which, axis in (("x", x), ("y", y)):
        for name in ([k for k in layout if re.fullmatch(f"{which}axis[0-9]*", k)] or [f"{which}axis"]) if axis else ():
            patch[name] = merged(patch.get(name, {}), axis)
    fig.layout = merged(layout, patch)  # a dict: plotly builds the Layout once (from a Layout it copies it)
    return fig


def new_figure(*traces) -> go.Figure:
    """A figure without plotly's default template: copying that template into every figure cost more than all
    the rest of a page's redraw. The few properties the house style needs are set explicitly (`charts.style`)."""
    return go.Figure(data=list(traces), layout={"template": "none"})
