"""`python -m analysis`: the JSON contract, exit codes, Spanish messages, export, template.

The commands run in process (`main([...])`, as `python -m analysis` calls it); one test
runs the real `python -m analysis` to prove the entry point itself.
"""
import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from analysis.cli.commands import main
from analysis.store import Store
from tests.builders import need, simple_xlsx, xlsx
from tests.support import create_database

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """Run a command in process; its exit code and what it printed."""
    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's own exits
            code = exit_.code if isinstance(exit_.code, int) else 2
        out, err = capsys.readouterr()
        return Result(code, out, err)
    return run


def test_the_real_entry_point_imports_and_refuses(tmp_path, db_url):
    good, bad = tmp_path / "bueno.csv", tmp_path / "malo.xlsx"
    good.write_text("Departamento,Necesidad\nPetén,Agua\n", encoding="utf-8")
    bad.write_bytes(b"no es excel")
    result = subprocess.run([sys.executable, "-m", "analysis", "import", str(good), str(bad), "--db", db_url],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stdout.splitlines()[0].startswith("bueno.csv: importado (carga n.º 1): 1 filas importadas")
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("malo.xlsx: ") and "no es un libro de Excel" in line


def test_import_json_is_one_object_per_file_with_spreadsheet_rows(tmp_path, db_url, run):
    good = tmp_path / "bueno.xlsx"
    good.write_bytes(xlsx({"Datos": [["Taller"], [], ["Depto", "Nivel", "Necesidad"], ["Peten", "COCODE", "Agua"],
                                     ["Narnia", "Municipal", "Luz"]]}))
    bad = tmp_path / "malo.xlsx"
    bad.write_bytes(b"no es excel")
    result = run("import", str(good), str(bad), "--db", db_url, "--json")
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(first) == {"file", "sha256", "status", "upload_id", "rows_imported", "rows_rejected",
                          "rows_warned", "columns", "problems", "replaced_upload_id", "overlap"}
    assert (first["status"], first["rows_imported"], first["rows_rejected"]) == ("imported", 1, 1)
    assert first["columns"] == {"Depto": "departamento", "Nivel": "nivel", "Necesidad": "necesidad"}
    (problem,) = [p for p in first["problems"] if p["severity"] == "error"]
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == ("Datos", 5, "Depto", "Narnia")
    assert second["status"] == "rejected"
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("malo.xlsx: ") and "Traceback" not in result.stderr


def test_csv_rows_count_from_line_two(tmp_path, db_url, run):
    path = tmp_path / "d.csv"
    path.write_text("Departamento,Necesidad\nPetén,Agua\nNarnia,Luz\n", encoding="utf-8")
    out = json.loads(run("import", str(path), "--db", db_url, "--json").stdout)
    assert [p["row"] for p in out["problems"] if p["severity"] == "error"] == [3]


def test_exit_codes_strict_duplicate_and_missing_file(tmp_path, db_url):
    path = tmp_path / "a.xlsx"
    path.write_bytes(simple_xlsx([need(), need(nivel="Barrial")]))
    assert main(["import", str(path), "--db", db_url, "--strict"]) == 1
    assert main(["import", str(path), "--db", db_url]) == 0
    assert main(["import", str(path), "--db", db_url]) == 0  # duplicate
    assert main(["import", str(tmp_path / "no-existe.xlsx"), "--db", db_url]) == 2


def test_map_option_and_dry_run(tmp_path, db_url, capsys):
    path = tmp_path / "a.csv"
    path.write_text("Lugar,Planteamiento\nPetén,Agua\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db_url, "--json", "--dry-run", "--map", "Lugar=departamento"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows_imported"] == 1 and out["upload_id"] is None
    assert main(["uploads", "--db", db_url]) == 0
    assert "No hay cargas" in capsys.readouterr().out


def test_bad_map_option_is_explained_in_spanish(tmp_path, db_url, run):
    result = run("import", "x.xlsx", "--db", db_url, "--map", "Lugar=ciudad")
    assert result.returncode != 0 and "no es válido" in result.stderr


def test_uploads_delete_restore(tmp_path, db_url, capsys):
    path = tmp_path / "a.xlsx"
    path.write_bytes(simple_xlsx([need()]))
    main(["import", str(path), "--db", db_url])
    capsys.readouterr()
    assert main(["delete", "1", "--db", db_url]) == 0
    main(["uploads", "--db", db_url])
    assert "[eliminada]" in capsys.readouterr().out
    assert main(["restore", "1", "--db", db_url]) == 0
    assert main(["delete", "7", "--db", db_url]) == 2


@pytest.fixture
def hostile_db(tmp_path, db_url):
    path = tmp_path / "h.xlsx"
    path.write_bytes(simple_xlsx([need(necesidad="=1+1 cmd", institucion="+PNC", evento="-taller", estado="@x"),
                                  need(departamento="Sololá", necesidad="Deslaves")]))
    main(["import", str(path), "--db", db_url])
    return db_url


def test_csv_export_has_bom_fixed_columns_and_inert_cells(tmp_path, hostile_db):
    out = tmp_path / "e.csv"
    assert main(["export", "--format", "csv", "-o", str(out), "--db", hostile_db]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["departamento", "codigo_departamento", "municipio", "codigo_municipio", "region", "nivel",
                       "ambito", "necesidad", "temas", "prioridad", "institucion", "evento", "fecha", "estado",
                       "archivo", "hoja", "fila"]
    first = dict(zip(rows[0], rows[1]))
    assert (first["necesidad"], first["institucion"], first["evento"], first["estado"]) == (
        "'=1+1 cmd", "'+PNC", "'-taller", "'@x")
    assert (first["fecha"], first["archivo"], first["hoja"], first["fila"]) == ("2017-11-09", "h.xlsx", "Datos", "2")
    assert (first["departamento"], first["codigo_departamento"], first["codigo_municipio"]) == ("Petén", "17", "")


def test_export_names_each_needs_themes(tmp_path, db_url):
    path = tmp_path / "t.xlsx"
    path.write_bytes(simple_xlsx([need(necesidad="Extorsiones y presencia de pandillas"),
                                  need(necesidad="Falta de agua potable")]))
    main(["import", str(path), "--db", db_url])
    out = tmp_path / "e.csv"
    assert main(["export", "--format", "csv", "-o", str(out), "--db", db_url]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["temas"] for r in rows] == ["Extorsión; Pandillas y maras", ""]
    store = Store(db_url)  # an analyst's correction shows in the export as on screen
    water = store.needs()
    store.corrections.correct(water[water["necesidad"] == "Falta de agua potable"], "Conflictividad social y agraria",
                              "agregar", "ana")
    assert main(["export", "--format", "csv", "-o", str(out), "--db", db_url]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["temas"] for r in rows] == ["Extorsión; Pandillas y maras", "Conflictividad social y agraria"]


def test_xlsx_export_has_no_formulas(tmp_path, hostile_db):
    out = tmp_path / "e.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(out), "--db", hostile_db]) == 0
    sheet = openpyxl.load_workbook(out).active
    values = [c.value for c in sheet[2]]
    assert "'=1+1 cmd" in values and all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet.max_row == 3 and sheet.freeze_panes == "A2"


def test_export_carries_ine_codes_as_integers(tmp_path, db_url):
    path = tmp_path / "p.xlsx"
    path.write_bytes(simple_xlsx([need(departamento="", municipio="GT1406"), need(departamento="Sololá")]))
    main(["import", str(path), "--db", db_url])
    out = tmp_path / "e.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(out), "--db", db_url]) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("departamento", "codigo_departamento", "municipio", "codigo_municipio")
    assert [row[:4] for row in rows[1:]] == [("Quiché", 14, "Santo Tomás Chichicastenango", 1406),
                                             ("Sololá", 7, None, None)]


def test_template_has_dropdowns_instructions_and_imports_cleanly(tmp_path, db_url, run):
    path = tmp_path / "plantilla.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert {"Necesidades", "Instrucciones"} <= set(book.sheetnames)
    sheet = book["Necesidades"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert [c.value for c in sheet[1]] == ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Prioridad",
                                           "Institución", "Evento", "Fecha", "Estado"]  # as the catalogue names them
    assert [sheet.column_dimensions[c].width for c in "ADE"] == [18, 34, 60]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert set(lists) == {"A2", "B2", "C2", "D2", "F2", "J2"}
    assert book["Listas"].cell(23, 1).value == "Jutiapa"
    sheet.append(["Petén", "San José", "Comunitario", "Seguridad Interior", "Patrullas", "Alta", "PNC", "Taller",
                  "09/11/2017", "Identificada"])
    book.save(path)
    out = json.loads(run("import", str(path), "--db", db_url, "--json").stdout)
    assert (out["rows_imported"], out["rows_rejected"], out["rows_warned"]) == (1, 0, 0)


def test_xlsx_export_survives_control_characters_from_a_csv(tmp_path, db_url):
    path = tmp_path / "c.csv"
    path.write_text("Departamento,Necesidad\nPetén,Agua\x1f potable\n", encoding="utf-8")
    main(["import", str(path), "--db", db_url])
    out = tmp_path / "e.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(out), "--db", db_url]) == 0
    assert openpyxl.load_workbook(out).active["H2"].value == "Agua potable"


def test_with_the_database_stopped_every_command_ends_in_one_spanish_sentence(stoppable_postgres, tmp_path, run,
                                                                              monkeypatch):
    from analysis.store.outages import UNREACHABLE
    url = create_database(stoppable_postgres.url(), "tablero")
    path = tmp_path / "t.xlsx"
    path.write_bytes(simple_xlsx([need()]))
    assert run("import", str(path), "--db", url).returncode == 0
    stoppable_postgres.stop()
    log = tmp_path / "consola.log"
    monkeypatch.setenv("TABLERO_REGISTRO_CONSOLA", str(log))
    for command in (["uploads"], ["import", str(path)], ["users", "list"], ["delete", "1"]):
        done = run(*command, "--db", url)
        assert (done.returncode, done.stdout, done.stderr) == (3, "", UNREACHABLE + "\n"), command
    assert "OperationalError" in log.read_text()  # the detail, for whoever looks after the server
