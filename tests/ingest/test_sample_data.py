"""The bundled synthetic sample: big and varied enough to show every chart."""
from pathlib import Path

from analysis.fields import reference
from analysis.ingest.importer import import_file

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "muestra_necesidades.xlsx"


def test_sample_covers_every_departamento_nivel_and_ambito(sample_db_url):
    from analysis.store.database import Store
    store = Store(sample_db_url)
    (report,) = store.uploads().itertuples()
    needs = store.needs()
    assert report.rows_imported == len(needs) >= 1500
    assert set(needs["departamento"]) == set(reference.departamentos().values())
    assert set(reference.NIVELES) <= set(needs["nivel"])
    assert set(needs["ambito"]) == set(reference.AMBITOS)
    assert needs["evento"].nunique() >= 4 and needs["fecha"].nunique() >= 5
    assert 0 < report.rows_rejected < 10  # a little of the messiness of real files
    assert store.sample_upload_ids() == [report.id]


def test_sample_is_labelled_synthetic_inside_the_file():
    from analysis.reading.workbooks import read_workbook
    sheets = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    assert all("SINTÉTICOS" in str(s.rows[0][0]) + str(s.rows[1][0] if len(s.rows) > 1 else "") for s in sheets)


def test_sample_loads_into_an_empty_store_only_and_real_data_hides_it(store):
    from analysis.ingest.sample import ensure_sample
    from tests.builders import need, simple_xlsx
    assert ensure_sample(store) is True
    assert ensure_sample(store) is False
    sample_total = store.count_needs()
    import_file(store, simple_xlsx([need()]), "real.xlsx")
    assert store.count_needs() == 1 and store.sample_upload_ids() == []
    store.delete_upload(2, actor="prueba")
    assert ensure_sample(store) is False  # deleted data is not replaced by the sample
    store.restore_upload(1, actor="prueba")
    assert store.count_needs() == sample_total
