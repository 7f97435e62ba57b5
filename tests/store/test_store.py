"""The store on SQLite and PostgreSQL: transactions, soft delete, revision, no partial imports."""
import hashlib
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from analysis.ingest.importer import import_file
from analysis.store.accounts import Account
from analysis.store.database import SCHEMA_REVISION, Store, database_url
from tests.builders import need, simple_xlsx


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_delete_and_restore_hide_and_bring_back_needs(store):
    a = import_file(store, simple_xlsx([need(), need()]), "a.xlsx").upload_id
    import_file(store, simple_xlsx([need(departamento="Izabal")]), "b.xlsx")
    assert store.count_needs() == 3
    assert store.delete_upload(a, actor="prueba")
    assert store.count_needs() == 1 and set(store.needs()["archivo"]) == {"b.xlsx"}
    assert store.uploads().set_index("id").loc[a, "deleted_at"] is not None
    assert store.restore_upload(a, actor="prueba")
    assert store.count_needs() == 3
    assert not store.delete_upload(999, actor="prueba")


def test_every_write_changes_the_revision(store):
    before = store.revision()
    upload = import_file(store, simple_xlsx([need()]), "a.xlsx").upload_id
    after_import = store.revision()
    store.delete_upload(upload, actor="prueba")
    assert before < after_import < store.revision()


def test_refused_and_strict_aborted_files_leave_the_database_file_byte_identical(tmp_path):
    path = tmp_path / "n.db"
    store = Store(f"sqlite:///{path}")
    import_file(store, simple_xlsx([need()]), "bueno.xlsx")
    store.engine.dispose()
    before = digest(path)
    import_file(store, b"PK\x03\x04 broken", "roto.xlsx")
    import_file(store, simple_xlsx([need(), need(departamento="Narnia")]), "malo.xlsx", strict=True)
    import_file(store, simple_xlsx([need(departamento="Narnia")]), "todo-malo.xlsx")
    store.engine.dispose()
    assert digest(path) == before


def test_failed_insert_rolls_back_the_upload_row(store, monkeypatch):
    data = simple_xlsx([need()])
    import analysis.store.database as store_module
    monkeypatch.setattr(store_module, "_records", lambda rows: [(None,) * 16])  # violates NOT NULL
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        import_file(store, data, "a.xlsx")
    assert store.uploads().empty and store.count_needs() == 0


def test_database_url_defaults_and_postgres_driver(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url().endswith("data/necesidades.db")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_schema_is_managed_by_migrations_and_the_store_knows_the_head(store):
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory
    config = Config()
    config.set_main_option("script_location", str(resources.files("analysis.store") / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == SCHEMA_REVISION


def old_database(path: Path, revision: str, *rows: str) -> str:
    """A SQLite database left at an earlier schema `revision`, holding one upload and the needs `rows` (SQL)."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    url = f"sqlite:///{path}"
    config = Config()
    config.set_main_option("script_location", str(resources.files("analysis.store") / "migrations"))
    with create_engine(url).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.execute(text("INSERT INTO uploads (id, filename, sha256, size_bytes, uploaded_at, uploaded_by, sheets, "
                          "column_mapping, rows_imported, rows_rejected, rows_warned, problems, content, is_sample) "
                          f"VALUES (1, 'v.xlsx', 'x', 1, '2018-01-01 00:00:00', 'ana', '[]', '{{}}', {len(rows)}, 0, "
                          "0, '[]', x'00', 0)"))
        for row in rows:
            conn.execute(text(row))
    return url


def test_upgrading_an_old_database_keeps_its_needs_and_fills_the_new_column(tmp_path):
    url = old_database(tmp_path / "vieja.db", "0001", "INSERT INTO needs (upload_id, departamento, municipio, region, nivel, ambito, necesidad, prioridad, "
                       "institucion, evento, estado, hoja, fila) VALUES (1, 'Petén', '', 'VIII Petén', 'Municipal', "
                       "'Seguridad Interior', 'Extorsión en el MERCADO', '', '', '', '', 'H', 2)")
    needs = Store(url).needs()
    assert list(needs["clave"]) == ["extorsion en el mercado"] and list(needs["departamento"]) == ["Petén"]


def test_the_same_code_runs_on_postgresql(pg_url):
    store = Store(pg_url)
    assert store.engine.dialect.name == "postgresql"
    data = simple_xlsx([need(municipio="San José"), need(fecha="", necesidad="Extorsiones")])
    report = import_file(store, data, "pg.xlsx")
    assert report.rows_imported == 2
    assert import_file(store, data, "pg.xlsx").status == "duplicate"
    needs = store.needs()
    assert needs["municipio_codigo"].iloc[0] == 1702 and pd.isna(needs["municipio_codigo"].iloc[1])
    assert store.upload_content(report.upload_id) == data
    store.delete_upload(report.upload_id, actor="prueba")
    assert store.count_needs() == 0
    store.restore_upload(report.upload_id, actor="prueba")
    assert store.count_needs() == 2
    Store(pg_url)  # reopening runs migrations again without harm


def test_needs_come_back_identical_from_the_cache_and_follow_every_write(store):
    import_file(store, simple_xlsx([need(), need(departamento="Izabal", fecha="")]), "a.xlsx")
    first = store.needs()
    assert list(store.cache_dir.glob("*.feather"))
    assert store.needs().equals(first) and store._read_needs().equals(first)
    import_file(store, simple_xlsx([need(departamento="Sololá")]), "b.xlsx")
    assert len(store.needs()) == 3 and len(list(store.cache_dir.glob("*.feather"))) == 1


def test_upgrading_renames_stored_municipios_to_ine_names_by_code(tmp_path):
    url = old_database(tmp_path / "vieja.db", "0002", *(
        "INSERT INTO needs (upload_id, departamento, municipio, municipio_codigo, region, nivel, ambito, necesidad, "
        f"clave, prioridad, institucion, evento, estado, hoja, fila) VALUES (1, 'x', '{municipio}', {code}, 'r', "
        "'Municipal', 'Seguridad Interior', 'n', 'n', '', '', '', '', 'H', 2)"
        for municipio, code in (("Playa Grande Ixcán", 1420), ("Flores", 1701))))
    assert list(Store(url).needs()["municipio"]) == ["Ixcán", "Flores"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_saved_views_round_trip_on_both_databases(backend, db_url, request):
    store = Store(db_url if backend == "sqlite" else request.getfixturevalue("pg_url"))
    params = {"departamento": ["Petén", "Izabal"], "mapa_ambito": "Seguridad Interior"}
    saved = store.views.save("  Petén e Izabal,   interior ", "territorio", params, "ana")
    assert saved["name"] == "Petén e Izabal, interior" and len(saved["slug"]) == 8
    assert store.views.by_slug(saved["slug"])["params"] == params
    assert store.views.rename(saved["id"], "Frontera norte", Account("ana", "", "lector"))
    other = store.views.save("Todo", "resumen", {}, "luis")
    assert list(store.views.all()["name"]) == ["Todo", "Frontera norte"]
    luis = Account("luis", "", "lector")
    assert store.views.delete(other["id"], luis) and not store.views.delete(other["id"], luis)
    assert store.views.by_slug(other["slug"]) is None
    with pytest.raises(ValueError, match="Escriba un nombre"):
        store.views.save("   ", "resumen", {}, "ana")


def test_the_sample_never_shares_the_view_with_real_needs(sample_db_url):
    from analysis.store.database import SampleMixRefused
    store = Store(sample_db_url)
    real = import_file(store, simple_xlsx([need()]), "real.xlsx").upload_id  # hides the sample
    with pytest.raises(SampleMixRefused, match="No se restauran los datos de ejemplo mientras haya 1 carga real"):
        store.restore_upload(1, actor="prueba")
    assert store.count_needs() == 1
    store.delete_upload(real, actor="prueba")
    assert store.restore_upload(1, actor="prueba") and store.count_needs() == 1667  # no real data: the demo may return
    assert store.restore_upload(real, actor="prueba")  # real data back: the sample steps aside at once
    assert store.count_needs() == 1 and store.sample_upload_ids() == []


def test_only_whoever_saved_a_view_or_an_administrator_may_rename_or_delete_it(store):
    from analysis.store.saved_views import ViewRefused
    saved = store.views.save("Petén", "resumen", {"departamento": ["Petén"]}, "ana")
    for change in (lambda who: store.views.rename(saved["id"], "Otra cosa", who),
                   lambda who: store.views.delete(saved["id"], who)):
        with pytest.raises(ViewRefused, match="Solo quien guardó la vista \\(«ana»\\) o un administrador"):
            change(Account("luis", "", "analista"))
    assert store.views.by_slug(saved["slug"])["name"] == "Petén"
    assert "view_renamed" not in set(store.events()["action"])  # a refused change leaves no event
    assert store.views.rename(saved["id"], "Petén 2026", Account("jefa", "", "administrador"))
    assert store.views.delete(saved["id"], Account("ana", "", "lector"))
