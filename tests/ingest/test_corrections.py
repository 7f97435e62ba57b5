"""Correcting rejected values: once for every row that has the value, kept in the upload's report."""
from analysis.ingest.corrections import rejected_values, suggestions, with_correction
from analysis.ingest.importer import analyse_file, store_analysis
from tests.builders import need, simple_xlsx

FILE = simple_xlsx([need(departamento="Sacatepeques", necesidad="Extorsiones"),
                    need(departamento="Sacatepeques", necesidad="Robo de ganado"),
                    need(nivel="Barrial", necesidad="Falta de alumbrado"),
                    need(necesidad="Patrullajes")])


def test_rejected_values_are_listed_once_with_their_suggestion_and_row_count():
    rejected = rejected_values(analyse_file(FILE, "t.xlsx").problems)
    assert [(r.field, r.column, r.value, r.rows, r.suggestions) for r in rejected] == [
        ("departamento", "Departamento", "Sacatepeques", 2, ("Sacatepéquez",)),
        ("nivel", "Nivel", "Barrial", 1, ()),
    ]


def test_a_correction_applies_to_every_row_with_the_value_and_is_kept_in_the_report(store):
    corrections = with_correction({}, "departamento", "Sacatepeques", "Sacatepéquez")
    corrections = with_correction(corrections, "nivel", "Barrial", "Comunitario")
    analysis = analyse_file(FILE, "t.xlsx", corrections=corrections)
    assert (len(analysis.needs), analysis.rows_rejected) == (4, 0)
    report = store_analysis(store, analysis)
    stored = store.needs()
    assert list(stored["departamento"]) == ["Sacatepéquez", "Sacatepéquez", "Petén", "Petén"]
    assert list(stored["nivel"]) == ["Municipal", "Municipal", "Comunitario", "Municipal"]
    kept = [p for p in store.upload(report.upload_id)["problems"] if p["severity"] == "correction"]
    assert [(p["column"], p["field"], p["value"], p["corrected"], p["message"]) for p in kept] == [
        ("Departamento", "departamento", "Sacatepeques", "Sacatepéquez",
         "Corregido en la carga: «Sacatepeques» → «Sacatepéquez» (2 filas)."),
        ("Nivel", "nivel", "Barrial", "Comunitario", "Corregido en la carga: «Barrial» → «Comunitario» (1 fila)."),
    ]


def test_a_wrong_correction_still_rejects_and_can_be_corrected_again():
    corrections = with_correction({}, "departamento", "Sacatepeques", "Sacatepeq")
    analysis = analyse_file(FILE, "t.xlsx", corrections=corrections)
    (still,) = [r for r in rejected_values(analysis.problems) if r.field == "departamento"]
    assert (still.value, still.rows) == ("Sacatepeq", 2)
    corrections = with_correction(corrections, "departamento", "Sacatepeq", "Sacatepéquez")
    assert corrections == {("departamento", "Sacatepeques"): "Sacatepéquez"}  # the original keeps its pair
    assert analyse_file(FILE, "t.xlsx", corrections=corrections).rows_rejected == 1


def test_correcting_back_to_the_original_removes_the_correction():
    corrections = with_correction({}, "nivel", "Barrial", "Comunitario")
    assert with_correction(corrections, "nivel", "Comunitario", "Barrial") == {}


def test_suggestions_are_read_from_the_message():
    assert suggestions("Municipio no reconocido: «San Jose». ¿Quiso decir «San José (Escuintla)» o «San José "
                       "(Petén)»?") == ("San José (Escuintla)", "San José (Petén)")
    assert suggestions("La fila no tiene descripción de la necesidad.") == ()
