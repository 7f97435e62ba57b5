"""No input bytes make the importer fail with anything but a clean refusal."""
import zipfile
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import FileRefused
from analysis.importer import analyse_file
from tests.builders import need, simple_xlsx

NAMES = st.sampled_from(["a.xlsx", "a.xls", "a.ods", "a.csv", "a.txt", "a.xlsm", "a", "a.pdf"])
VALID = simple_xlsx([need(), need(departamento="Izabal")])


def analyse_or_refuse(data: bytes, name: str) -> None:
    try:
        analysis = analyse_file(data, name)
    except FileRefused as refusal:
        assert str(refusal).strip()
        return
    assert analysis.rows_rejected >= 0 and len(analysis.needs) >= 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), NAMES)
def test_random_bytes(data, name):
    analyse_or_refuse(data, name)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["a.csv", "a.txt"]), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_text_files(text, name, encoding):
    analyse_or_refuse(text.encode(encoding, errors="replace"), name)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=64))
def test_corrupted_workbooks(position, noise):
    analyse_or_refuse(VALID[:position] + noise + VALID[position + len(noise):], "a.xlsx")


CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), CELL_TEXT, st.integers(), st.floats(allow_nan=True)),
                         max_size=12), max_size=30))
def test_arbitrary_cell_grids(rows):
    header = ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Fecha", "Prioridad"]
    analyse_or_refuse(simple_xlsx([[c for c in r] for r in rows], header=header), "grid.xlsx")


def test_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hola.txt", "no soy un libro")
    analyse_or_refuse(buffer.getvalue(), "a.xlsx")
