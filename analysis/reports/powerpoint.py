"""The PowerPoint: from the view on screen to a deck a meeting can use as it is, or restyle.

16:9 slides in the order of `analysis.reports.deck` (the panels that tell something in the
view): a title slide (view, date, sources, marking), one slide per key panel whose title
is the panel's computed takeaway, a slide with the ten most frequent needs, and a closing
slide with the method (files, counts, rejected rows). Every title sits in the layout's
title placeholder, so PowerPoint's outline and accessibility checker read it. Bar charts
are native PowerPoint charts, so the analyst can restyle them, change their colours or
edit their numbers in PowerPoint itself; their count axis is set from zero in whole
steps, never left to PowerPoint's automatic minimum. Maps and heatmaps are pictures
rendered by kaleido in one browser session at the size of the slide's body, their text
as large as the native charts'. Every slide carries the classification marking and the
data cut-off; the notes repeat the numbers with full names.
"""
import io
import math

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analysis import fields
from analysis.formatting import format_int
from analysis.presentation import charts, images
from analysis.presentation.charts import SLIDE_MAP, SLIDE_WIDE, Look
from analysis.presentation.panels import PANELS, Context, Drawn
from analysis.presentation.provenance import Provenance
from analysis.reports import deck as deck_text
from analysis.reports.safe_cells import chart_workbook

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB3, 0x26, 0x1E)
TITLE_ONLY = 5  # the default template's «Title Only» layout: a title placeholder and nothing else


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _text(slide, left, top, width, height, lines: list[tuple[str, int, bool, RGBColor]],
          align=PP_ALIGN.LEFT) -> None:
    """A text box with one paragraph per (text, size, bold, colour)."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, (text, size, bold, color) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color


def _footer(slide, provenance: Provenance, number: int) -> None:
    _text(slide, MARGIN, HEIGHT - Inches(0.55), WIDTH - 2 * MARGIN - Inches(0.6), Inches(0.45),
          [(provenance.view_line(), 10, False, GREY), (provenance.marking, 10, True, RED)])
    _text(slide, WIDTH - MARGIN - Inches(0.6), HEIGHT - Inches(0.45), Inches(0.6), Inches(0.3),
          [(str(number), 10, False, GREY)], align=PP_ALIGN.RIGHT)


def _new_slide(deck, title: str, size: int = 24, top=Inches(0.3), height=Inches(1.0)):
    """A slide whose title is the layout's title placeholder (what PowerPoint's outline, its accessibility
    checker and a screen reader read as the slide's title), placed and sized for this deck."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = MARGIN, top, WIDTH - 2 * MARGIN, height
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.text = title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    font = paragraph.runs[0].font
    font.size, font.bold, font.color.rgb = Pt(size), True, NAVY
    return slide


def _subtitle(slide, subtitle: str) -> None:
    _text(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.4), [(subtitle, 14, False, GREY)])


def _notes(slide, drawn: Drawn) -> None:
    """The numbers of the slide in words, full names included (a label on the chart may be shortened)."""
    data = drawn.data
    if drawn.kind == "bars":
        lines = [f"{value or fields.blank_word(drawn.category)}: {format_int(n)}"
                 for value, n in zip(data[drawn.category], data["necesidades"])]
    elif drawn.kind == "map":
        inside = data[data["en_filtro"]]
        place = "municipio" if "municipio" in inside.columns else "departamento"
        lines = [f"{name}: {format_int(n)}" for name, n in zip(inside[place], inside["necesidades"])]
    elif drawn.kind in ("stacked", "heatmap"):
        lines = [f"{row}: " + ", ".join(f"{column} {format_int(n)}" for column, n in values.items() if n)
                 for row, values in data.iterrows()]
    else:
        lines = []
    slide.notes_slide.notes_text_frame.text = "\n".join([drawn.title, drawn.takeaway, *lines])


def _value_axis(chart, largest: float, shown: bool) -> None:
    """A count axis set explicitly from zero in whole steps: left automatic, PowerPoint and LibreOffice start it
    just under the smallest bar (39 against 42 drawn as one against three). Hidden when the bars carry their
    numbers."""
    axis = chart.value_axis
    step = charts.whole_step(largest)
    axis.minimum_scale = 0
    axis.major_unit = step
    axis.maximum_scale = step * max(1, math.ceil(largest * 1.05 / step))
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "#,##0", False
    axis.tick_labels.font.size = Pt(12)
    axis.has_major_gridlines = shown
    axis.visible = shown


BODY = (MARGIN, Inches(1.65), WIDTH - 2 * MARGIN, HEIGHT - Inches(1.65) - Inches(0.7))
PICTURE_LOOKS: dict[str, Look] = {"map": SLIDE_MAP, "heatmap": SLIDE_WIDE, "ranked": SLIDE_WIDE, "paired": SLIDE_WIDE,
                                   "columns": SLIDE_WIDE}


class _ChartData(CategoryChartData):
    """A chart's numbers whose embedded workbook (what «Editar datos» opens in Excel) comes from the project's one
    safe writer: python-pptx's own writer stores a category such as «=HYPERLINK(…)» as a live formula."""

    @property
    def xlsx_blob(self) -> bytes:
        return chart_workbook(self)


def _label_size(categories: int) -> int:
    """Category labels as large as the body's height allows for that many bars (every label shown)."""
    return 14 if categories <= 10 else 12 if categories <= 16 else 10


def _bar_chart(slide, drawn: Drawn) -> None:
    """A native clustered bar chart of a count_by frame, one colour per bar, counts as labels."""
    frame = drawn.data
    data = _ChartData(number_format="#,##0")
    categories = [str(v) or fields.blank_word(drawn.category) for v in frame[drawn.category]]
    data.categories = categories
    data.add_series("Necesidades", [int(v) for v in frame["necesidades"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *BODY, data).chart
    chart.has_title = chart.has_legend = False
    chart.category_axis.reverse_order = True  # the first (largest) category on top, as on screen
    chart.category_axis.tick_labels.font.size = Pt(_label_size(len(categories)))
    _value_axis(chart, max(int(frame["necesidades"].max()), 1), shown=False)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(13)
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    for point, category in zip(plot.series[0].points, categories):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(drawn.colors.get(category, charts.BAR_COLOR))


def _stacked_chart(slide, drawn: Drawn) -> None:
    """A native stacked bar chart: institutions as bars, one coloured series per segment."""
    table = drawn.data
    data = _ChartData(number_format="#,##0")
    data.categories = [str(i) for i in table.index]
    for column in table.columns:
        data.add_series(str(column), [int(v) for v in table[column]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *BODY, data).chart
    chart.has_title = False
    chart.has_legend = len(table.columns) > 1  # one segment (one ámbito in view) needs no legend
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(_label_size(len(table.index)))
    _value_axis(chart, max(int(table.sum(axis=1).max()), 1), shown=True)
    chart.plots[0].gap_width = 50
    for series, column in zip(chart.plots[0].series, table.columns):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(drawn.colors.get(column, charts.BAR_COLOR))


def _table(slide, frame: pd.DataFrame) -> None:
    rows, cols = len(frame) + 1, len(frame.columns)
    left, top, width, _ = BODY
    shape = slide.shapes.add_table(rows, cols, left, top, width, Inches(0.4) * rows)
    table = shape.table
    table.columns[0].width = Emu(int(width * 0.85))
    for j in range(1, cols):
        table.columns[j].width = Emu(int(width * 0.15 / (cols - 1)))
    for j, name in enumerate(frame.columns):
        table.cell(0, j).text = str(name)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = format_int(value) if isinstance(value, (int,)) or hasattr(value, "item") else str(value)
    for cell in (table.cell(i, j) for i in range(rows) for j in range(cols)):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(14)


def _title_slide(deck, provenance: Provenance) -> None:
    slide = _new_slide(deck, deck_text.TITLE, 36, top=Inches(0.9), height=Inches(0.8))
    _text(slide, MARGIN, Inches(1.75), WIDTH - 2 * MARGIN, Inches(0.6), [(provenance.institution, 18, False, GREY)])
    _text(slide, MARGIN, Inches(2.7), WIDTH - 2 * MARGIN, Inches(2.6),
          [(line, 16, False, INK) for line in deck_text.cover_lines(provenance)])
    _text(slide, MARGIN, Inches(5.2), WIDTH - 2 * MARGIN, Inches(1.4),
          [(deck_text.sources_line(provenance), 12, False, GREY)])
    _text(slide, MARGIN, HEIGHT - Inches(0.9), WIDTH - 2 * MARGIN, Inches(0.5), [(provenance.marking, 14, True, RED)])


def _method_slide(deck, provenance: Provenance, uploads: pd.DataFrame, number: int) -> None:
    slide = _new_slide(deck, deck_text.METHOD_TITLE)
    _subtitle(slide, "Qué datos sostienen esta presentación")
    _text(slide, *BODY, [(line, 15 if i == 0 else 13, False, INK) for i, line in enumerate(deck_text.method_lines(uploads))]
          + [(note, 13, False, GREY) for note in deck_text.METHOD_NOTES])
    _footer(slide, provenance, number)


def presentation_bytes(context: Context, provenance: Provenance, uploads: pd.DataFrame) -> bytes:
    """The deck for the view of `context` (the filters and page choices it carries)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, provenance)
    keys = [slide.key for slide in deck_text.slides(context)][1:-1]  # between the cover and the method
    drawn = [PANELS[key].draw(context, PICTURE_LOOKS.get(PANELS[key].kind, SLIDE_WIDE)) for key in keys]
    pictures = [d for d in drawn if d.kind in PICTURE_LOOKS]
    rendered = dict(zip((d.key for d in pictures), images.render([d.figure for d in pictures]) if pictures else []))
    for number, item in enumerate(drawn, start=2):
        slide = _new_slide(deck, item.takeaway)
        _subtitle(slide, item.title)
        _notes(slide, item)
        if item.kind == "bars":
            _bar_chart(slide, item)
        elif item.kind == "stacked" and not item.data.empty:
            _stacked_chart(slide, item)
        elif item.kind == "table":
            _table(slide, item.data)
        elif item.key in rendered:
            left, top, width, height = BODY
            look = PICTURE_LOOKS[item.kind]
            picture_width = int(height * look.width / look.height)  # drawn at the size it takes on the slide
            slide.shapes.add_picture(io.BytesIO(rendered[item.key]), left + (width - picture_width) // 2, top,
                                     width=picture_width, height=height)
        _footer(slide, provenance, number)
    _method_slide(deck, provenance, uploads, len(drawn) + 2)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
