"""The PowerPoint: from the view on screen to a deck a meeting can use as it is, or restyle.

16:9 slides in the order of the panel catalogue's report: a title slide (view, date,
sources, marking), one slide per key panel whose title is the panel's computed
takeaway, a slide with the ten most frequent needs, and a closing slide with the
method (files, counts, rejected rows). Bar charts are native PowerPoint charts, so
the analyst can restyle them, change their colours or edit their numbers in
PowerPoint itself; maps and heatmaps are 1920-px pictures rendered by kaleido in one
browser session. Every slide carries the classification marking and the data
cut-off.
"""
import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analysis import charts, images
from analysis.charts import SLIDE
from analysis.formatting import format_date, format_datetime, format_int, plural
from analysis.panels import Context, Drawn, report_panels
from analysis.provenance import Provenance

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB3, 0x26, 0x1E)
TITLE = "Necesidades de seguridad identificadas a nivel local"
PICTURE_KINDS = ("map", "heatmap")


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


def _heading(slide, takeaway: str, subtitle: str) -> None:
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0), [(takeaway, 24, True, NAVY)])
    _text(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.4), [(subtitle, 14, False, GREY)])


BODY = (MARGIN, Inches(1.65), WIDTH - 2 * MARGIN, HEIGHT - Inches(1.65) - Inches(0.7))


def _bar_chart(slide, drawn: Drawn) -> None:
    """A native clustered bar chart of a count_by frame, one colour per bar, counts as labels."""
    frame = drawn.data
    data = CategoryChartData(number_format="#,##0")
    categories = [str(v) or charts.MISSING for v in frame[drawn.category]]
    data.categories = categories
    data.add_series("Necesidades", [int(v) for v in frame["necesidades"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *BODY, data).chart
    chart.has_legend = False
    chart.category_axis.reverse_order = True  # the first (largest) category on top, as on screen
    chart.category_axis.tick_labels.font.size = Pt(14)
    chart.value_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.has_major_gridlines = True
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(13)
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    colors = charts.AMBITO_COLORS if drawn.category == "ambito" else {}
    for point, category in zip(plot.series[0].points, categories):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(colors.get(category, charts.BAR_COLOR))


def _stacked_chart(slide, drawn: Drawn, colors: dict[str, str]) -> None:
    """A native stacked bar chart: institutions as bars, one coloured series per segment."""
    table = drawn.data
    data = CategoryChartData(number_format="#,##0")
    data.categories = [str(i) for i in table.index]
    for column in table.columns:
        data.add_series(str(column), [int(v) for v in table[column]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *BODY, data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.tick_labels.font.size = Pt(12)
    chart.plots[0].gap_width = 50
    for series, column in zip(chart.plots[0].series, table.columns):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colors.get(column, charts.BAR_COLOR))


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
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    filters = provenance.filters.describe() or [("Filtros", "ninguno: todas las necesidades")]
    _text(slide, MARGIN, Inches(0.9), WIDTH - 2 * MARGIN, Inches(1.6),
          [(TITLE, 36, True, NAVY), (provenance.institution, 18, False, GREY)])
    _text(slide, MARGIN, Inches(2.7), WIDTH - 2 * MARGIN, Inches(2.6), [
        (f"{format_date(provenance.generated.date())} · datos al {format_date(provenance.cutoff) or '—'} · "
         f"{format_int(provenance.shown)} de {format_int(provenance.total)} necesidades", 16, False, INK),
        *[(f"{label}: {value}", 16, False, INK) for label, value in filters],
    ])
    _text(slide, MARGIN, Inches(5.2), WIDTH - 2 * MARGIN, Inches(1.4), [
        ("Fuentes: " + "; ".join(f"{s.filename} (cargado el {format_date(s.uploaded_at.date())})"
                                 for s in provenance.sources[-6:]), 12, False, GREY),
    ])
    _text(slide, MARGIN, HEIGHT - Inches(0.9), WIDTH - 2 * MARGIN, Inches(0.5),
          [(provenance.marking, 14, True, RED)])


def _method_slide(deck, provenance: Provenance, uploads: pd.DataFrame, number: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    visible = uploads[uploads["deleted_at"].isna()] if len(uploads) else uploads
    lines = [(f"{format_int(len(visible))} archivos cargados, {format_int(int(visible['rows_imported'].sum()))} "
              f"necesidades guardadas, {format_int(int(visible['rows_rejected'].sum()))} filas rechazadas por no "
              f"poder leerse o ubicarse y {format_int(int(visible['rows_warned'].sum()))} guardadas con advertencias.",
              16, False, INK)]
    for row in visible.sort_values("uploaded_at").tail(8).itertuples():
        lines.append((f"• {row.filename}: {plural(int(row.rows_imported), 'necesidad')}, "
                      f"{plural(int(row.rows_rejected), 'fila rechazada', 'filas rechazadas')} — cargado el "
                      f"{format_datetime(row.uploaded_at)} por {row.uploaded_by}", 13, False, INK))
    lines += [
        ("Cada necesidad es una fila de una hoja de cálculo de un taller. Los lugares se reconocen con los "
         "códigos y nombres del INE; la región se deriva del departamento (Decreto 70-86). Los ámbitos son los "
         "del Decreto 18-2008 y los niveles, los de los consejos de desarrollo (Decreto 11-2002).", 13, False, GREY),
        ("Los temas se reconocen por palabras clave en la descripción. «Sin registros» indica que ningún taller "
         "reportó necesidades en ese lugar, no que no haya problemas.", 13, False, GREY),
    ]
    _heading(slide, "Método y fuentes", "Qué datos sostienen esta presentación")
    _text(slide, *BODY, lines)
    _footer(slide, provenance, number)


def presentation_bytes(context: Context, provenance: Provenance, uploads: pd.DataFrame) -> bytes:
    """The deck for the view of `context` (the filters and page choices it carries)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, provenance)
    drawn = [panel.draw(context, SLIDE) for panel in report_panels(context.filters)]
    pictures = [d for d in drawn if d.kind in PICTURE_KINDS]
    rendered = dict(zip((d.key for d in pictures), images.render([d.figure for d in pictures]) if pictures else []))
    colors = {"instituciones_ambito": charts.AMBITO_COLORS, "instituciones_prioridad": charts.PRIORIDAD_COLORS,
              "instituciones_estado": charts.ESTADO_COLORS}
    for number, item in enumerate(drawn, start=2):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _heading(slide, item.takeaway, item.title)
        if item.kind == "bars":
            _bar_chart(slide, item)
        elif item.kind == "stacked" and not item.data.empty:
            _stacked_chart(slide, item, colors.get(item.key, {}))
        elif item.kind == "table":
            _table(slide, item.data)
        elif item.key in rendered:
            left, top, width, height = BODY
            picture_height = min(height, int(width * 1080 / 1920))
            slide.shapes.add_picture(io.BytesIO(rendered[item.key]), left + (width - int(picture_height * 1920 / 1080)) // 2,
                                     top, height=picture_height)
        _footer(slide, provenance, number)
    _method_slide(deck, provenance, uploads, len(drawn) + 2)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
