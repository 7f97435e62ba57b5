"""Dates in every form offices write them, day first unless a column proves to be month first."""
import datetime as dt

import pytest

from analysis.fields.dates import parse_fecha, parse_month
from analysis.ingest.importer import import_file
from tests.builders import HEADER, need, xlsx

NOV_9 = dt.date(2017, 11, 9)


@pytest.mark.parametrize("raw", ["9-nov-17", "09-Nov-2017", "jueves, 9 de noviembre de 2017", "2017/11/09", "2017.11.09",
                                 "09/11/17", "9.11.2017", "43048", "43048.0", "9 nov 2017", "9no. de noviembre de 2017", "9º de noviembre de 2017",
                                 "Thursday, November 9, 2017", "Nov 9, 2017", "9 de nov. del 2017", "20171109"])
def test_day_forms(raw):
    assert parse_fecha(raw) == NOV_9


@pytest.mark.parametrize("raw", ["noviembre 2017", "Noviembre de 2017", "nov-17", "NOV. 2017", "11/2017", "2017-11"])
def test_month_forms(raw):
    assert parse_fecha(raw) is None and parse_month(raw) == dt.date(2017, 11, 1)


@pytest.mark.parametrize("raw", ["9 de noviembre", "pronto", "2017", "9 mar", "31/02/2017"])
def test_not_a_date(raw):
    assert parse_fecha(raw) is None and parse_month(raw) is None


def test_march_is_not_mistaken_for_a_weekday():
    assert parse_fecha("9 mar 2017") == dt.date(2017, 3, 9)


def dates_stored(store, values, sheet="Datos"):
    rows = [need(necesidad=f"Necesidad número {i}", fecha=v) for i, v in enumerate(values)]
    report = import_file(store, xlsx({sheet: [HEADER, *rows]}), "fechas.xlsx")
    return report, [d.date() if d == d else None for d in store.needs()["fecha"]]


def test_every_form_in_one_column_is_stored_as_its_day(store):
    forms = ["9-nov-17", "jueves, 9 de noviembre de 2017", "2017/11/09", "09/11/17", "43048", dt.datetime(2017, 11, 9)]
    report, stored = dates_stored(store, forms)
    assert stored == [NOV_9] * len(forms)
    assert report.problems == []


def test_a_month_alone_is_stored_as_its_first_day_with_one_note(store):
    report, stored = dates_stored(store, ["noviembre 2017", "nov-17", "09/11/2017"])
    assert stored == [dt.date(2017, 11, 1), dt.date(2017, 11, 1), NOV_9]
    (note,) = report.problems
    assert note.row is None and note.message == ("2 fechas indican solo el mes y el año (p. ej. «noviembre 2017»): "
                                                 "se guardan como el día 1 de ese mes.")
    assert report.rows_warned == 0


def test_a_column_proven_month_first_is_read_month_first_with_one_warning(store):
    report, stored = dates_stored(store, ["6/23/2018", "7/4/2018", "12/1/2018"])
    assert stored == [dt.date(2018, 6, 23), dt.date(2018, 7, 4), dt.date(2018, 12, 1)]
    (warning,) = report.problems
    assert (warning.row, warning.column, warning.value) == (None, "Fecha", "6/23/2018")
    assert "mes primero" in warning.message


def test_a_column_with_a_day_first_value_stays_day_first(store):
    report, stored = dates_stored(store, ["6/23/2018", "23/6/2018", "7/4/2018"])
    assert stored == [None, dt.date(2018, 6, 23), dt.date(2018, 4, 7)]
    assert [(p.row, p.value) for p in report.problems] == [(2, "6/23/2018")]


def test_ambiguous_dates_stay_day_first(store):
    _, stored = dates_stored(store, ["09/11/2017", "7/4/2018"])
    assert stored == [NOV_9, dt.date(2018, 4, 7)]


def test_month_first_is_decided_per_table(store):
    header = ["Departamento", "Necesidad", "Fecha"]
    data = xlsx({"EE.UU.": [header, ["Petén", "Contrabando en la frontera", "6/23/2018"],
                            ["Petén", "Tráfico de migrantes", "7/4/2018"]],
                 "Guatemala": [header, ["Izabal", "Narcotráfico por vía fluvial", "7/4/2018"]]})
    import_file(store, data, "dos.xlsx")
    assert [d.date() for d in store.needs()["fecha"]] == [dt.date(2018, 6, 23), dt.date(2018, 7, 4),
                                                          dt.date(2018, 4, 7)]
