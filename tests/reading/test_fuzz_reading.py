"""Whatever bytes arrive, the importer either imports with counts that add up or refuses cleanly.

A clean refusal is one Spanish sentence saying what to fix, exit code 2 and a store left
exactly as it was; a clean import stores exactly the rows it reports, and its report's
counts agree with the problems it lists. Every example goes through the sandbox, as an
upload does: a mutation that makes a parser abort or run away is a clean refusal too.
"""
import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.importer import DUPLICATE, IMPORTED, REJECTED, import_file
from analysis.store.database import Store
from tests.builders import csv_bytes, need, ods, simple_xlsx, xls

NAMES = st.sampled_from(["a.xlsx", "a.xls", "a.ods", "a.csv", "a.txt", "a.xlsm", "a", "a.pdf"])
VALID = simple_xlsx([need(), need(departamento="Izabal")])
# A valid file of each other kind, to mutate.
VALID_OTHERS = {"a.ods": ods([need(), need(departamento="Izabal")]), "a.xls": xls([need(), need(departamento="Izabal")]),
                "a.csv": csv_bytes([need(), need(departamento="Izabal")])}
SPANISH = re.compile(r"\b(archivo|libro|hoja|tabla|filas?|columna|encabezados?)\b", re.IGNORECASE)


@pytest.fixture(scope="session")
def fuzz_store(tmp_path_factory) -> Store:
    """One store for every example of every test here (a store per example would cost more than the examples)."""
    return Store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'n.db'}")


def import_or_refuse(store: Store, data: bytes, name: str) -> str:
    """Import through the real store and check the outcome is clean; the status."""
    before = (store.revision(), store.count_needs())
    report = import_file(store, data, name)
    if report.status in (REJECTED, DUPLICATE):
        assert (store.revision(), store.count_needs()) == before, "a refused file changed the store"
        if report.status == REJECTED:
            assert report.exit_code == 2
            reason = report.reason or ""
            assert SPANISH.search(reason) and "Traceback" not in reason and "\n" not in reason.strip(), reason
        return report.status
    assert report.status == IMPORTED and report.rows_imported > 0
    assert not [p for p in report.problems if p.code == "celdas-sin-leer"], "a cell left the file unexplained"
    assert store.count_needs() == before[1] + report.rows_imported
    error_rows = {(p.sheet, p.row) for p in report.problems if p.severity == "error"}
    warned_rows = {(p.sheet, p.row) for p in report.problems if p.severity == "warning" and p.row} - error_rows
    assert report.rows_rejected == len(error_rows)
    assert report.rows_warned == len(warned_rows)
    return report.status


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), NAMES)
def test_random_bytes(fuzz_store, data, name):
    import_or_refuse(fuzz_store, data, name)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["a.csv", "a.txt"]), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_text_files(fuzz_store, text, name, encoding):
    import_or_refuse(fuzz_store, text.encode(encoding, errors="replace"), name)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=64))
def test_corrupted_workbooks(fuzz_store, position, noise):
    import_or_refuse(fuzz_store, VALID[:position] + noise + VALID[position + len(noise):], "a.xlsx")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(VALID_OTHERS)), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=8),
       st.sampled_from([b"", b"\xff\xff\xff\xff", b"\xff\xff\x00\x00", b"\x00\x00\x00\x00"]))
def test_corrupted_ods_xls_and_csv(fuzz_store, name, where, noise, number):
    """Noise anywhere, and the huge or zero counts that made the readers abort or allocate without end."""
    valid = VALID_OTHERS[name]
    position = int(where * len(valid))
    damage = number or noise
    import_or_refuse(fuzz_store, valid[:position] + damage + valid[position + len(damage):], name)


CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), CELL_TEXT, st.integers(), st.floats(allow_nan=True)),
                         max_size=12), max_size=30))
def test_arbitrary_cell_grids(fuzz_store, rows):
    header = ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Fecha", "Prioridad"]
    import_or_refuse(fuzz_store, simple_xlsx([[c for c in r] for r in rows], header=header), "grid.xlsx")


def test_a_valid_workbook_imports_through_the_same_check(fuzz_store):
    assert import_or_refuse(fuzz_store, simple_xlsx([need(necesidad="Muro perimetral"), need(departamento="Narnia")]),
                            "bueno.xlsx") == IMPORTED


def test_zip_that_is_not_a_workbook(fuzz_store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hola.txt", "no soy un libro")
    assert import_or_refuse(fuzz_store, buffer.getvalue(), "a.xlsx") == REJECTED


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), CELL_TEXT, st.integers()), max_size=8), max_size=20),
       st.lists(st.tuples(st.integers(0, 20), st.integers(0, 8), st.integers(0, 3), st.integers(0, 3)), max_size=6))
def test_arbitrary_grids_with_merged_blocks(fuzz_store, rows, blocks):
    from openpyxl.utils import get_column_letter

    from tests.builders import xlsx
    header = ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Fecha"]
    merges, taken = [], set()
    for top, left, down, across in blocks:  # openpyxl refuses overlapping blocks, as Excel does
        cells = {(r, c) for r in range(top, top + down + 1) for c in range(left, left + across + 1)}
        if (down or across) and not cells & taken:
            taken |= cells
            merges.append(f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(left + across + 1)}"
                          f"{top + down + 1}")
    import_or_refuse(fuzz_store, xlsx({"Hoja1": [header, *rows]}, {"Hoja1": merges}), "merged.xlsx")


HTML_PIECES = st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=3>",
                               "<td rowspan=9999>", "<td colspan=x>", "<br>", "<p>", "</p>", "&nbsp;", "&Aacute;",
                               "Departamento", "Necesidad", "Petén", "Falta de patrullas en la aldea", "<script>",
                               "<!--", "-->", "<h2>", "</h2>"])


@settings(max_examples=80, deadline=None)
@given(st.lists(HTML_PIECES, max_size=60))
def test_html_pages_saved_as_xls(fuzz_store, pieces):
    import_or_refuse(fuzz_store, ("<html><body>" + "".join(pieces)).encode(), "web.xls")
