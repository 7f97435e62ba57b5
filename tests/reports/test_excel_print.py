"""The Excel report prints as handed over: landscape, one page wide, the header on every page, the cover on one.

Checked twice: the page setup openpyxl reads back from the workbook (what Excel obeys), and the PDF LibreOffice
prints from it (what a printer receives), for the national view and filtered ones.
"""
import dataclasses
import datetime as dt
import io
import shutil

import openpyxl
import pytest

from analysis.presentation.panels import Context
from analysis.presentation.provenance import Provenance, Source
from analysis.reports.excel import report_bytes
from analysis.store.database import Store
from analysis.view.filters import Filters
from tests.office import pages, to_pdf

VIEWS = {
    "nacional": {},
    "peten_dos_ambitos": {"departamento": ["Petén"], "ambito": ["Seguridad Interior", "Gestión de Riesgos y Defensa Civil"]},
    "un_ambito": {"ambito": ["Seguridad Exterior"]},
}
TABLE_SHEETS = ["Necesidades", "Por departamento", "Por ámbito", "Por nivel", "Departamento × ámbito"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_db_file):
    path = tmp_path_factory.mktemp("impresion") / "n.db"
    shutil.copyfile(sample_db_file, path)
    store = Store(f"sqlite:///{path}")
    return store.needs(), store.uploads()


def workbook_of(sample, params: dict, sources: int = 0) -> bytes:
    """The report of a view; `sources` more loaded files listed on the cover (a long history of uploads)."""
    needs, uploads = sample
    context = Context.of(needs, Filters.from_params(params))
    provenance = Provenance.of(uploads, context.filters, len(context.needs), context.total)
    loaded = dt.datetime(2026, 11, 2, 15)  # as the store returns it: UTC, without its zone
    extra = tuple(Source(f"taller_{n:02}_necesidades_identificadas.xlsx", loaded, 40, False) for n in range(sources))
    return report_bytes(context.needs, dataclasses.replace(provenance, sources=provenance.sources + extra))


@pytest.fixture(scope="module")
def printed(sample, tmp_path_factory):
    """Each view's workbook printed to PDF by LibreOffice (once for the module): view -> its pages."""
    folder = tmp_path_factory.mktemp("pdf")
    done = {}
    for name, params in VIEWS.items():
        (folder / f"{name}.xlsx").write_bytes(workbook_of(sample, params, sources=45 if name == "nacional" else 0))
        done[name] = pages(to_pdf(folder / f"{name}.xlsx"))
    return done


@pytest.mark.parametrize("view", VIEWS)
def test_every_sheet_is_set_to_print_landscape_one_page_wide_with_its_header_on_each_page(sample, view):
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_of(sample, VIEWS[view])))
    assert workbook.sheetnames == ["Portada", *TABLE_SHEETS]
    for sheet in workbook:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 1, 1), sheet.title  # 1: Letter
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.fitToHeight == (1 if sheet.title == "Portada" else 0), sheet.title
        assert sheet.oddFooter.center.text == "Página &P de &N"
    for title in TABLE_SHEETS:
        assert workbook[title].print_title_rows == "$1:$1", title
        assert workbook[title]["A1"].alignment.wrap_text, title  # a long header wraps in its column


def test_long_text_wraps_in_a_row_tall_enough_for_it(sample):
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_of(sample, {})))["Necesidades"]
    column = [c.value for c in sheet[1]].index("Necesidad") + 1
    width = sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width
    long_rows = [row for row in range(2, 200) if len(sheet.cell(row, column).value) > width + 2]
    assert long_rows
    for row in long_rows:
        written = sheet.cell(row, column)
        assert written.alignment.wrap_text and written.alignment.vertical == "top"
        assert sheet.row_dimensions[row].height >= 2 * 15, written.value  # two lines or more


def test_libreoffice_prints_every_page_landscape(printed):
    for view, printed_pages in printed.items():
        assert printed_pages and all(p.width > p.height for p in printed_pages), view


@pytest.mark.parametrize("view", VIEWS)
def test_the_cover_is_one_page_even_with_many_sources(printed, view):
    cover, first_table = printed[view][0], printed[view][1]
    assert "Generado" in cover.text and "Hojas" in cover.text  # its first and last rows
    assert "Generado" not in first_table.text and "Fuentes" not in first_table.text
    if view == "nacional":
        assert "taller_44_necesidades_identificadas.xlsx" in cover.text  # the 45th extra source, still on page 1


def test_the_needs_print_one_page_wide_with_the_header_on_every_page(printed):
    needs_pages = [p for p in printed["nacional"] if "Taller" in p.text or "Seminario" in p.text]
    assert len(needs_pages) > 3
    for page in needs_pages:
        header = page.text.splitlines()[:6]  # the marking, then the header row
        assert any("Departamento" in line and "Necesidad" in line and "Fila" in line for line in header), header
