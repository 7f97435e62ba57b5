"""No workbook the project makes holds a live formula: exports, the Excel report and the workbooks behind the
PowerPoint's native charts (what «Editar datos» opens), whatever a field file wrote in a cell."""
import csv
import io

import openpyxl
import pytest
from pptx import Presentation

from analysis.ingest.importer import import_file
from analysis.presentation.panels import Context
from analysis.presentation.provenance import Provenance
from analysis.reports import to_csv_bytes
from analysis.reports.powerpoint import presentation_bytes
from analysis.reports.safe_cells import neutralise
from analysis.store.database import Store
from analysis.view.filters import Filters
from tests.builders import need, simple_xlsx

HOSTILE = '=HYPERLINK("http://ejemplo.invalid","clic")'
FULL_WIDTH = "＝1+1"


@pytest.mark.parametrize("text", ["=1+1", "+PNC", "-taller", "@SUM(A1)", "\t=1", "\r=1", "\n=1", FULL_WIDTH,
                                  "﹦1+1", "＋1", "－1", "＠SUM(A1)", "−1", " =1+1", "\u00a0=1", "\u200b=1+1"])
def test_every_formula_leader_and_its_look_alikes_are_made_inert(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Agua potable", "1-2 patrullas", "", "Sololá", 12, None, "'=ya inerte"])
def test_everything_else_is_left_as_it_is(value):
    assert neutralise(value) == value


def test_a_csv_export_neutralises_a_full_width_equals_sign():
    rows = list(csv.reader(io.StringIO(to_csv_bytes(__import__("pandas").DataFrame(
        {"Institución": [FULL_WIDTH, "PNC"]})).decode("utf-8-sig"))))
    assert rows[1:] == [["'" + FULL_WIDTH], ["PNC"]]


@pytest.fixture(scope="module")
def hostile_deck(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('deck') / 'n.db'}")
    import_file(store, simple_xlsx([need(institucion=HOSTILE), need(institucion=FULL_WIDTH, departamento="Izabal"),
                                    need(institucion="PNC", departamento="Sololá")]), "taller.xlsx", user="ana")
    needs, uploads = store.needs(), store.uploads()
    context = Context.of(needs, Filters())
    provenance = Provenance.of(uploads, context.filters, len(needs), len(needs))
    return Presentation(io.BytesIO(presentation_bytes(context, provenance, uploads)))


def chart_workbooks(deck) -> list[openpyxl.Workbook]:
    return [openpyxl.load_workbook(io.BytesIO(shape.chart.part.chart_workbook.xlsx_part.blob))
            for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def test_the_workbooks_behind_the_decks_charts_hold_no_formula(hostile_deck):
    books = chart_workbooks(hostile_deck)
    assert books  # the deck has native charts
    cells = [c for book in books for row in book.active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert "'" + HOSTILE in values and "'" + FULL_WIDTH in values and HOSTILE not in values


def test_the_charts_workbooks_keep_the_layout_powerpoint_reads(hostile_deck):
    for slide in hostile_deck.slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            chart = shape.chart
            sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))["Sheet1"]
            rows = list(sheet.iter_rows(values_only=True))
            plot = chart.plots[0]
            assert [str(name) for name in rows[0][1:]] == [s.name for s in plot.series]
            assert [row[0].lstrip("'") for row in rows[1:]] == [str(c) for c in plot.categories]
            for index, series in enumerate(plot.series, start=1):
                assert [row[index] for row in rows[1:]] == list(series.values)  # «Editar datos» shows the numbers
