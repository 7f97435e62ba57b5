"""One clock: at 21:30 in Guatemala (03:30 UTC of the next day) every date a user reads says the Guatemalan day.

The clock is set once (analysis.store.times.clock_at) and the process's own zone is UTC or Tokyo, so a date
that came from the server's zone or from a UTC day would show 02/12/2026 instead of 01/12/2026.
"""
import datetime as dt
import io
import json
import time

import openpyxl
import pytest
from pptx import Presentation

from analysis.cli.commands import main
from analysis.ingest.importer import import_file
from analysis.presentation.panels import Context
from analysis.presentation.provenance import Provenance
from analysis.reports.excel import report_bytes
from analysis.reports.naming import file_name
from analysis.reports.powerpoint import presentation_bytes
from analysis.store.times import clock_at, today
from analysis.view.filters import Filters
from tests.builders import need, simple_xlsx
from tests.pages.conftest import ADMIN, sign_in

MOMENT = dt.datetime(2026, 12, 2, 3, 30, tzinfo=dt.timezone.utc)  # 01/12/2026 21:30 in Guatemala
DAY, DAY_AND_TIME, ISO_DAY = "01/12/2026", "01/12/2026 21:30", "2026-12-01"


@pytest.fixture(params=["UTC", "Asia/Tokyo"])
def server_zone(request, monkeypatch):
    """The process runs in a zone other than Guatemala's (UTC; Tokyo, where it is already 12:30 of the 2nd)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def loaded(server_zone, app_store):
    """The store with one real file loaded at MOMENT, the clock still reading MOMENT."""
    with clock_at(MOMENT):
        import_file(app_store, simple_xlsx([need(), need(departamento="Izabal")]), "taller.xlsx", user="ana")
        app_store.views.save("Petén", "ambitos", {"departamento": ["Petén"]}, user="ana")
        yield app_store


def slide_texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_deck_the_workbook_and_the_file_name_say_the_guatemalan_day(loaded):
    uploads = loaded.uploads()
    context = Context.of(loaded.needs(), Filters())
    provenance = Provenance.of(uploads, context.filters, len(context.needs), context.total)
    assert today() == dt.date(2026, 12, 1) and provenance.cutoff == dt.date(2026, 12, 1)
    assert provenance.lines()[0].endswith(f"Datos al {DAY}")  # the caption under every exported image

    deck = Presentation(io.BytesIO(presentation_bytes(context, provenance, uploads)))
    cover, method = slide_texts(deck.slides[0]), slide_texts(deck.slides[-1])
    assert f"{DAY} · datos al {DAY} · 2 de 2 necesidades" in cover
    assert f"taller.xlsx (cargado el {DAY})" in cover
    assert f"cargado el {DAY_AND_TIME} por ana" in method
    assert "02/12/2026" not in cover + method

    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(context.needs, provenance)))
    rows = [row for row in workbook["Portada"].iter_rows(values_only=True) if len(row) > 1]
    cells = dict(rows)
    assert cells["Generado"] == DAY_AND_TIME and cells["Datos al"] == DAY
    assert any(str(value).startswith(f"taller.xlsx · {DAY_AND_TIME} ·") for _, value in rows)

    assert file_name("necesidades", Filters(), "xlsx") == f"necesidades_{ISO_DAY}.xlsx"


def test_historial_vistas_administracion_and_the_console_say_the_guatemalan_time(loaded, app, with_accounts, capsys):
    at = sign_in(app(), *ADMIN)
    at.switch_page("pages/historial.py").run()
    assert list(at.dataframe[0].value["Cargado"])[0] == DAY_AND_TIME

    at.switch_page("pages/vistas.py").run()
    assert list(at.dataframe[0].value["Guardada"]) == [DAY_AND_TIME]

    at.switch_page("pages/administracion.py").run()
    trail = at.dataframe[-1].value  # the activity record: the upload, the accounts, the sign-in, then the sample's
    assert set(trail.loc[trail["Quién"] != "sistema", "Fecha"]) == {DAY_AND_TIME}  # the sample was loaded before

    assert main(["uploads", "--db", loaded.url]) == 0
    assert f"{DAY_AND_TIME}  taller.xlsx" in capsys.readouterr().out
    assert main(["uploads", "--db", loaded.url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["uploaded_at"] == "2026-12-01T21:30:00-06:00" and listed[0]["deleted_at"] is None
    assert listed[1]["deleted_at"] == "2026-12-01T21:30:00-06:00"  # the sample, hidden by the real file
