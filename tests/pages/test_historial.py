"""Historial de cargas: provenance and counts, delete with confirmation, restore."""
from analysis.ingest.importer import import_file
from tests.builders import need, simple_xlsx
from tests.pages.conftest import sidebar_count


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def test_delete_needs_confirmation_and_restore_brings_needs_back(app, app_store):
    import_file(app_store, simple_xlsx([need(), need(departamento="Izabal")]), "real.xlsx", user="ana")
    at = app("pages/historial.py")
    table = at.dataframe[0].value  # newest first; the sample was hidden by the first real upload
    assert list(table["Archivo"]) == ["real.xlsx", "muestra_necesidades.xlsx"]
    assert list(table["Importadas"]) == [2, 1667] and list(table["Por"]) == ["ana", "sistema"]
    assert list(table["Estado"]) == ["Vigente", "Eliminada (datos de ejemplo)"]
    click(at, "Eliminar carga…")
    assert app_store.count_needs() == 2  # nothing happens before confirming
    click(at, "Sí, eliminar")
    assert app_store.count_needs() == 0
    assert list(at.dataframe[0].value["Estado"])[0] == "Eliminada"
    click(at, "Restaurar carga")
    assert app_store.count_needs() == 2
    at.switch_page("pages/resumen.py").run()
    assert "2</b> de 2 necesidades" in sidebar_count(at)


def test_sample_upload_is_labelled_and_has_its_report(app):
    at = app("pages/historial.py")
    assert list(at.dataframe[0].value["Estado"]) == ["Vigente (datos de ejemplo)"]
    assert any("Informe de validación" in m.value for m in at.markdown)


def test_a_replaced_upload_says_by_which_and_can_be_restored(app, app_store):
    old = import_file(app_store, simple_xlsx([need(), need(departamento="Narnia")]), "taller.xlsx").upload_id
    new = import_file(app_store, simple_xlsx([need(), need(departamento="Izabal")]), "taller_corregido.xlsx",
                      replace=old).upload_id
    at = app("pages/historial.py")
    table = at.dataframe[0].value
    assert dict(zip(table["N.º"], table["Estado"]))[old] == f"Reemplazada por la n.º {new}"
    assert any(f"reemplazó a la carga n.º {old}" in c.value for c in at.caption)  # the newest is shown first
    at.selectbox(key="historial_carga").set_value(old).run()
    assert any(f"fue reemplazada por la carga n.º {new}" in c.value for c in at.caption)
    click(at, "Restaurar carga")
    assert app_store.count_needs() == 3


def test_restoring_the_sample_beside_real_data_is_refused_on_screen(app, app_store):
    import_file(app_store, simple_xlsx([need()]), "real.xlsx")
    at = app("pages/historial.py")
    at.selectbox(key="historial_carga").set_value(1).run()  # the sample, hidden by the real upload
    click(at, "Restaurar carga")
    assert any("No se restauran los datos de ejemplo mientras haya 1 carga real vigente" in e.value for e in at.error)
    assert app_store.count_needs() == 1 and app_store.sample_upload_ids() == []
