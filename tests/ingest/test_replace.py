"""Replacing a corrected file: the overlap is named, and replacing hides the old upload in the same
transaction that stores the new one (restorable), on SQLite and PostgreSQL alike."""
import json

import pytest

from analysis.cli.commands import main
from analysis.ingest.importer import import_file
from analysis.store.database import Store
from tests.builders import need, simple_xlsx

ORIGINAL = [need(departamento="Petén", necesidad=f"Necesidad número {i} de la aldea") for i in range(25)]
BAD = [need(departamento="Narnia", necesidad=f"Necesidad rechazada {i}") for i in range(5)]
FIXED = [need(departamento="Izabal", necesidad=f"Necesidad rechazada {i}") for i in range(5)]


def test_an_overlapping_upload_is_named_with_its_overlap(store):
    first = import_file(store, simple_xlsx(ORIGINAL + BAD), "taller_occidente.xlsx")
    assert (first.rows_imported, first.rows_rejected, first.overlap) == (25, 5, None)
    again = import_file(store, simple_xlsx(ORIGINAL + FIXED), "taller_occidente_corregido.xlsx", dry_run=True)
    assert (again.overlap.upload_id, again.overlap.filename, again.overlap.rows) == (
        first.upload_id, "taller_occidente.xlsx", 25)
    assert again.as_json()["overlap"] == {"upload_id": first.upload_id, "filename": "taller_occidente.xlsx",
                                          "rows": 25}


def test_the_same_need_in_another_place_is_no_overlap(store):
    import_file(store, simple_xlsx(ORIGINAL), "a.xlsx")
    elsewhere = [need(departamento="Sololá", necesidad=f"Necesidad número {i} de la aldea") for i in range(25)]
    assert import_file(store, simple_xlsx(elsewhere), "b.xlsx", dry_run=True).overlap is None


def test_the_overlap_named_is_the_largest(store):
    small = import_file(store, simple_xlsx(ORIGINAL[:3]), "pequeña.xlsx").upload_id
    large = import_file(store, simple_xlsx(ORIGINAL[3:20]), "grande.xlsx").upload_id
    report = import_file(store, simple_xlsx(ORIGINAL), "todo.xlsx", dry_run=True)
    assert (report.overlap.upload_id, report.overlap.rows) == (large, 17)
    assert small != large


def replace_round_trip(store: Store):
    old = import_file(store, simple_xlsx(ORIGINAL + BAD), "taller.xlsx").upload_id
    new = import_file(store, simple_xlsx(ORIGINAL + FIXED), "taller_corregido.xlsx", replace=old)
    assert (new.status, new.rows_imported, new.replaced_upload_id, new.overlap) == ("imported", 30, old, None)
    assert store.count_needs() == 30  # not 55: the 25 rows are counted once
    assert set(store.needs()["archivo"]) == {"taller_corregido.xlsx"}
    hidden = store.upload(old)
    assert hidden["deleted_at"] is not None and hidden["replaced_by"] == new.upload_id
    assert store.restore_upload(old, actor="prueba") and store.count_needs() == 55
    return old, new


def test_replace_hides_the_old_upload_and_stores_the_new_one(store):
    replace_round_trip(store)


def test_replace_on_postgresql(pg_url):
    replace_round_trip(Store(pg_url))


def test_replacing_an_unknown_or_hidden_upload_stores_nothing(store):
    old = import_file(store, simple_xlsx(ORIGINAL), "a.xlsx").upload_id
    store.delete_upload(old, actor="prueba")
    before = store.revision()
    for target in (old, 999):
        report = import_file(store, simple_xlsx(FIXED), "b.xlsx", replace=target)
        assert (report.status, report.exit_code) == ("rejected", 2)
        assert f"No se puede reemplazar la carga n.º {target}" in report.reason
    assert store.revision() == before and len(store.uploads()) == 1


def test_a_replace_that_fails_inside_the_transaction_leaves_no_new_upload(store):
    from analysis.ingest.importer import analyse_file, store_analysis
    old = import_file(store, simple_xlsx(ORIGINAL), "a.xlsx").upload_id
    analysis = analyse_file(simple_xlsx(FIXED), "b.xlsx")
    store.delete_upload(old, actor="prueba")  # another analyst hid it after the preview was shown
    report = store_analysis(store, analysis, replace=old)
    assert report.status == "rejected" and len(store.uploads()) == 1 and store.count_needs() == 0


def test_an_exact_duplicate_replaces_nothing(store):
    data = simple_xlsx(ORIGINAL)
    old = import_file(store, data, "a.xlsx").upload_id
    again = import_file(store, data, "a.xlsx", replace=old)
    assert (again.status, again.upload_id, again.replaced_upload_id) == ("duplicate", old, None)
    assert store.is_visible(old)


@pytest.fixture
def files(tmp_path):
    first, second = tmp_path / "taller.xlsx", tmp_path / "taller_corregido.xlsx"
    first.write_bytes(simple_xlsx(ORIGINAL + BAD))
    second.write_bytes(simple_xlsx(ORIGINAL + FIXED))
    return first, second


def test_cli_warns_of_the_overlap_and_replaces_with_replace(db_url, files, capsys):
    first, second = files
    assert main(["import", str(first), "--db", db_url, "--json"]) == 0
    old = json.loads(capsys.readouterr().out)["upload_id"]
    assert main(["import", str(second), "--db", db_url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"25 de estas 30 filas ya están en la carga n.º {old}, «taller.xlsx»." in out
    assert f"--replace {old}" in out
    assert main(["import", str(second), "--db", db_url, "--replace", str(old), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["replaced_upload_id"], report["rows_imported"], report["overlap"]) == (old, 30, None)
    assert main(["uploads", "--db", db_url]) == 0
    assert f"[reemplazada por la carga n.º {report['upload_id']}]" in capsys.readouterr().out


def test_cli_replace_takes_one_file(db_url, files, capsys):
    assert main(["import", *map(str, files), "--db", db_url, "--replace", "1"]) == 2
    assert "un único ARCHIVO" in capsys.readouterr().err
