"""Mapping headers to canonical fields: synonyms, unlisted wordings, conflicts, overrides."""
import pytest

from analysis.layouts.columns import map_columns, score_header


@pytest.mark.parametrize("header,field", [
    ("Depto.", "departamento"),
    ("DEPARTAMENTO", "departamento"),
    ("Ámbito de seguridad", "ambito"),
    ("Nivel territorial", "nivel"),
    ("Problemática identificada", "necesidad"),
    ("Descripción de la necesidad", "necesidad"),
    ("Departamento donde ocurre", "departamento"),
    ("Detalle de la necesidad planteada", "necesidad"),
    ("Institución responsable", "institucion"),
    ("Fecha de identificación", "fecha"),
    ("Departameto", "departamento"),  # misspelt
    ("Estatus", "estado"),
])
def test_headers_map_to_their_field(header, field):
    (match,) = map_columns([header])
    assert match.field == field
    assert 0.75 <= match.confidence <= 1


def test_unrelated_headers_are_left_unmapped():
    assert map_columns(["No.", "N°", "Observaciones", "Firma"]) == []


def test_each_field_goes_to_one_column_the_most_confident():
    matches = {m.header: m.field for m in map_columns(["Nivel de prioridad", "Nivel", "Necesidad"])}
    assert matches == {"Nivel de prioridad": "prioridad", "Nivel": "nivel", "Necesidad": "necesidad"}


def test_exact_synonym_is_surer_than_a_header_containing_it():
    assert score_header("Departamento")["departamento"] > score_header("Departamento donde ocurre")["departamento"]


def test_overrides_win_and_can_ignore_a_column():
    matches = map_columns(["Lugar", "Depto", "Planteamiento"], overrides={"lugar": "municipio", "Depto": ""})
    assert {m.header: (m.field, m.confidence) for m in matches} == {
        "Lugar": ("municipio", 1.0), "Planteamiento": ("necesidad", 1.0)}


@pytest.mark.parametrize("header,field", [
    ("DEPTO.", "departamento"), ("MPIO.", "municipio"), ("NIV.", "nivel"), ("ÁMB.", "ambito"), ("PRIOR.", "prioridad"),
    ("INST. RESP.", "institucion"), ("EDO.", "estado"), ("NIV. TERRIT.", "nivel"),
    ("Department", "departamento"), ("Municipality", "municipio"), ("Level", "nivel"), ("Security domain", "ambito"),
    ("Need", "necesidad"), ("Priority", "prioridad"), ("Institution", "institucion"), ("Date", "fecha"),
    ("Status", "estado"), ("Responsible institution", "institucion"), ("Identified need", "necesidad"),
])
def test_upper_case_abbreviations_and_english_headers(header, field):
    (match,) = map_columns([header])
    assert match.field == field
