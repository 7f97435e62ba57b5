"""Hostile files are refused in Spanish, naming the limit they broke, within bounded time and memory;
the process that asked (the dashboard, the command line) carries on and the store is untouched."""
import json
import os
import resource
import subprocess
import sys
import time

import pytest

from analysis.ingest.importer import REJECTED, analyse_file, import_file
from analysis.ingest.sandbox import run_isolated
from analysis.reading.limits import Limits, limits
from analysis.reading.refusals import MissingColumns
from tests import hostile
from tests.builders import csv_bytes, need, simple_xlsx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOUND = 30  # seconds: generous, so the test never flakes; without the sandbox each took minutes or killed us

HOSTILE = {
    "celda_xfd1048576.xlsx": (hostile.corner_cell_xlsx, ["XFD1048576", "10,000,000 celdas"]),
    "texto_de_400_mb.xlsx": (hostile.long_string_xlsx, ["sharedStrings", "límite es 100 veces"]),
    "celda_de_200000_caracteres.xlsx": (hostile.long_cell_xlsx, ["32,767 caracteres"]),
    "200_millones_de_celdas.ods": (hostile.empty_cells_ods, ["200,015,872 celdas", "10,000,000"]),
    "100000_columnas.csv": (hostile.wide_csv, ["100,000 columnas", "16,384"]),
    "dimensiones_imposibles.xls": (hostile.impossible_dimensions_xls, ["1.5 GB de memoria"]),
    "con_contrasena.xlsx": (hostile.password_xlsx, ["protegido con contraseña"]),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_is_refused_naming_the_limit_and_the_store_is_untouched(store, name):
    build, words = HOSTILE[name]
    data = build()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    report = import_file(store, data, name)
    assert time.monotonic() - started < BOUND
    assert report.status == REJECTED and report.exit_code == 2
    assert all(word in report.reason for word in words), report.reason
    assert "Traceback" not in report.reason and "\n" not in report.reason
    assert store.revision() == 0 and store.count_needs() == 0 and store.uploads().empty
    # The work (and its memory) stayed in the child: this process grew by less than 300 MB at most.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 300 * 1024
    # And it goes on reading files.
    assert len(analyse_file(simple_xlsx([need()]), "bueno.xlsx").needs) == 1


def test_the_command_line_survives_a_parser_that_aborts(tmp_path):
    bad, good = tmp_path / "danado.xls", tmp_path / "bueno.csv"
    bad.write_bytes(hostile.impossible_dimensions_xls())
    good.write_bytes(csv_bytes([need()]))
    done = subprocess.run([sys.executable, "-m", "analysis", "import", str(bad), str(good), "--json",
                           "--db", f"sqlite:///{tmp_path / 'n.db'}"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 2
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["status"] for r in reports] == ["rejected", "imported"]  # the next file is still imported
    assert "danado.xls: El archivo necesita más de 1.5 GB de memoria para leerse" in done.stderr
    assert "Traceback" not in done.stderr


# The sandbox's own limits, with inputs that do exactly what a hostile parse would ------------------

def allocate_without_end() -> None:
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))  # written, so really used


def sleep_for_a_minute() -> None:
    time.sleep(60)


def abort() -> None:
    os.abort()


def fail() -> None:
    raise ValueError("a bug, not the file")


def child_limits() -> tuple[int, int]:
    return resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0]


def test_the_memory_limit_stops_a_growing_parse():
    with pytest.raises(Exception) as refused:
        run_isolated(allocate_without_end, limit=Limits(memory_mb=256))
    assert str(refused.value).startswith("El archivo necesita más de 256 MB de memoria para leerse")


def test_the_time_limit_stops_a_parse_that_does_not_end():
    started = time.monotonic()
    with pytest.raises(Exception) as refused:
        run_isolated(sleep_for_a_minute, limit=Limits(seconds=1))
    assert time.monotonic() - started < 10
    assert str(refused.value).startswith("Leer el archivo tardó más de 1 s, el límite de lectura")


def test_a_parser_that_aborts_is_a_refusal_and_a_bug_is_an_error_for_the_log():
    with pytest.raises(Exception, match="de memoria para leerse"):
        run_isolated(abort)
    with pytest.raises(RuntimeError, match="ValueError: a bug, not the file"):
        run_isolated(fail)


def test_the_child_is_confined_and_this_process_is_not():
    address_space, cpu = run_isolated(child_limits)
    assert address_space != resource.RLIM_INFINITY and cpu != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TABLERO_LIMITE_COLUMNAS", "5")
    monkeypatch.setenv("TABLERO_LIMITE_MEMORIA_MB", "no es un número")
    assert limits().columns == 5 and limits().memory_mb == Limits().memory_mb
    with pytest.raises(Exception, match="tiene 10 columnas en la fila 1, y el límite es 5"):
        analyse_file(csv_bytes([need()]), "ancho.csv")


def test_a_missing_column_comes_back_with_its_tables_for_the_column_editor():
    with pytest.raises(MissingColumns) as missing:
        analyse_file(simple_xlsx([["Falta de patrullajes en las aldeas", "Alta"]], header=["Necesidad", "Prioridad"]),
                     "sin_departamento.xlsx")
    assert [t.headers for t in missing.value.tables] == [["Necesidad", "Prioridad"]]
