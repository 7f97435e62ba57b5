"""The validation policy, row by row, with spreadsheet row numbers."""
import datetime as dt

from analysis.ingest.validation import validate_table
from analysis.layouts.tables import find_tables
from analysis.reading.workbooks import Sheet
from tests.builders import HEADER, need


def only_table(sheet):
    """The one table a sheet holds."""
    (table,) = find_tables(sheet)
    return table


def validate(rows, header=HEADER, sheet="Datos"):
    return validate_table(only_table(Sheet(sheet, [header, *rows])))


def errors(result):
    return [(p.row, p.column, p.code) for p in result.problems if p.severity == "error"]


def test_clean_rows_are_canonicalised_with_region_derived():
    result = validate([need(departamento="PETEN", municipio="San José", nivel="COCODE", ambito="interior",
                            prioridad="1", fecha="9 de noviembre de 2017")])
    row = result.needs.iloc[0]
    assert (row.departamento, row.municipio, row.municipio_codigo, row.region) == ("Petén", "San José", 1702,
                                                                                 "VIII Petén")
    assert (row.nivel, row.ambito, row.prioridad, row.fecha) == ("Comunitario", "Seguridad Interior", "Alta",
                                                                 dt.date(2017, 11, 9))
    assert (row.hoja, row.fila) == ("Datos", 2)
    assert result.problems == []


def test_row_without_description_is_rejected():
    result = validate([need(necesidad=""), need()])
    assert errors(result) == [(2, "Necesidad", "necesidad-vacia")]
    assert (len(result.needs), result.rows_rejected) == (1, 1)


def test_unrecognised_departamento_is_rejected_with_a_suggestion():
    result = validate([need(departamento="Sacatepeques")])
    (problem,) = result.problems
    assert (problem.code, problem.row, problem.column, problem.value) == ("departamento-no-reconocido", 2,
                                                                          "Departamento", "Sacatepeques")
    assert "¿Quiso decir «Sacatepéquez»?" in problem.message
    assert result.needs.empty


def test_unrecognised_nivel_and_ambito_are_rejected():
    result = validate([need(nivel="Barrial"), need(ambito="Salud pública")])
    assert errors(result) == [(2, "Nivel", "valor-no-reconocido"), (3, "Ámbito", "valor-no-reconocido")]


def test_municipio_contradicting_departamento_is_rejected():
    (error,) = validate([need(departamento="Petén", municipio="Antigua Guatemala")]).problems
    assert (error.code, error.row, error.column) == ("municipio-de-otro-departamento", 2, "Municipio")
    assert error.message == "El municipio «Antigua Guatemala» pertenece a Sacatepéquez, no a Petén."


def test_shared_municipio_name_without_departamento_is_rejected_but_with_it_is_placed():
    result = validate([need(departamento="", municipio="San José"), need(departamento="Escuintla",
                                                                         municipio="San José")])
    assert errors(result) == [(2, "Municipio", "municipio-ambiguo")]
    assert result.problems[0].message == "El municipio «San José» existe en Escuintla y Petén: indique el departamento."
    assert result.needs.iloc[0].municipio_codigo == 509


def test_unique_municipio_infers_its_departamento():
    row = validate([need(departamento="", municipio="Chichicastenango")]).needs.iloc[0]
    assert (row.departamento, row.region) == ("Quiché", "VII Noroccidente")


def test_blank_controlled_values_are_kept_as_sin_especificar_with_warnings():
    result = validate([need(departamento="", nivel="N/A", ambito="")])
    row = result.needs.iloc[0]
    assert (row.departamento, row.region, row.nivel, row.ambito) == ("Sin especificar",) * 4
    assert {(p.code, p.column) for p in result.problems} == {("valor-vacio", c) for c in ("Departamento", "Nivel", "Ámbito")}
    assert result.rows_warned == 1


def test_bad_date_and_priority_warn_but_keep_the_row():
    result = validate([need(fecha="pronto", prioridad="Depende")])
    assert len(result.needs) == 1 and result.rows_warned == 1
    assert [p.code for p in result.problems] == ["valor-descartado", "fecha-no-reconocida"]
    assert pd_isna(result.needs.iloc[0].fecha) and result.needs.iloc[0].prioridad == ""


def pd_isna(value):
    return value is None or value != value


def test_entirely_blank_rows_and_numbered_empty_rows_are_not_rejects():
    result = validate([["", "", "", "", "", "", "", "", "", ""], need()], header=HEADER)
    numbered = validate_table(only_table(Sheet("D", [["No.", *HEADER], [1, *need()], [2], [3]])))
    assert result.rows_rejected == 0 and len(result.needs) == 1
    assert numbered.rows_rejected == 0 and len(numbered.needs) == 1


def test_missing_nivel_column_is_one_sheet_warning():
    result = validate([["Petén", "Falta de patrullas"]], header=["Departamento", "Necesidad"], sheet="Interior")
    assert result.needs.iloc[0].nivel == "Sin especificar"
    assert result.needs.iloc[0].ambito == "Seguridad Interior"  # from the sheet name
    (warning,) = result.problems
    assert (warning.code, warning.row) == ("columna-ausente", None) and "columna de Nivel" in warning.message


def test_heading_rows_fill_the_ambito_of_their_needs():
    rows = [["No.", "Departamento", "Necesidad"], ["SEGURIDAD EXTERIOR"], [1, "Petén", "Contrabando"],
            ["INTELIGENCIA"], [2, "Petén", "Falta de información"]]
    result = validate_table(only_table(Sheet("Hoja1", rows)))
    assert list(result.needs["ambito"]) == ["Seguridad Exterior", "Inteligencia de Estado"]
    assert list(result.needs["fila"]) == [3, 5] and result.rows_rejected == 0
    assert [p.message for p in result.problems] == [
        "La hoja no tiene columna de Nivel: 2 de sus necesidades se guardan como «Sin especificar»."]
