"""Characters that print as nothing never make a header or a value unrecognisable."""
import datetime as dt
import unicodedata

from analysis.ingest.importer import import_file
from tests.builders import csv_bytes, simple_xlsx

ZWSP, SOFT_HYPHEN, NBSP, BOM, LRM = "\u200b", "\u00ad", "\u00a0", "\ufeff", "\u200e"


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


HEADER = [f"{BOM}Depar{SOFT_HYPHEN}tamento", f"Munici{ZWSP}pio", f"Nivel{NBSP}", decomposed("Ámbito"),
          f"Necesi{ZWSP}dad", f"{NBSP}Prioridad", "Fecha"]
ROW = [f"Pe{ZWSP}t{decomposed('é')}n", f"{NBSP}San{NBSP}Benito{LRM}", f"Muni{SOFT_HYPHEN}cipal",
       f"Seguridad{NBSP}Interior{ZWSP}", f"Falta de{NBSP}alumbrado en el{ZWSP} parque", f"Al{ZWSP}ta",
       f"09/11/2017{NBSP}"]


def test_invisible_characters_in_headers_and_values_of_a_workbook(store):
    report = import_file(store, simple_xlsx([ROW], header=HEADER), "invisibles.xlsx")
    assert (report.rows_imported, report.rows_rejected, report.rows_warned) == (1, 0, 0), report.problems
    row = store.needs().iloc[0]
    assert (row.departamento, row.municipio, row.nivel, row.ambito, row.prioridad) == (
        "Petén", "San Benito", "Municipal", "Seguridad Interior", "Alta")
    assert row.necesidad == "Falta de alumbrado en el parque"
    assert row.fecha.date() == dt.date(2017, 11, 9)


def test_invisible_characters_in_a_csv_export(store):
    report = import_file(store, csv_bytes([ROW], header=HEADER, sep=";"), "invisibles.csv")
    assert report.rows_imported == 1 and report.rows_rejected == 0
    assert store.needs().iloc[0].departamento == "Petén"


def test_same_need_with_and_without_invisible_characters_has_one_key(store):
    import_file(store, simple_xlsx([ROW, [*ROW[:4], "Falta de alumbrado en el parque", *ROW[5:]]], header=HEADER),
                "dos.xlsx")
    assert store.needs()["clave"].nunique() == 1
