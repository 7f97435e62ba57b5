"""Colours a reader must tell apart from the page: status and priority marks at 3:1 or more against white
(WCAG 1.4.11), a heatmap's numbers at 4.5:1 or more on every cell colour (WCAG 1.4.3)."""
import pandas as pd
import pytest

from analysis import fields
from analysis.presentation import SCREEN, charts


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("field", ["prioridad", "estado"])
def test_status_and_priority_colours_stand_out_from_white(field):
    colours = fields.get(field).colors
    assert colours and {value: round(contrast(c, "#FFFFFF"), 2) for value, c in colours.items()
                        if contrast(c, "#FFFFFF") < 3} == {}


def test_both_sides_of_a_comparison_stand_out_from_white():
    assert all(contrast(c, "#FFFFFF") >= 3 for c in charts.PAIRED_COLORS)


def test_every_number_of_a_heatmap_reads_on_its_cell():
    figure = charts.heatmap(pd.DataFrame({"A": [0, 5], "B": [40, 100]}, index=["x", "y"]), "t", "a", "b", SCREEN)
    cell = figure.data[0]
    assert cell.textfont.color == charts.INK
    stops = [colour for _, colour in cell.colorscale]
    assert stops[0] == "#F7FBFF" and min(contrast(charts.INK, c) for c in stops) >= 4.5
