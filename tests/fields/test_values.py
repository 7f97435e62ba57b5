"""Recognising niveles, ámbitos, prioridades, estados and dates (places: tests/fields/test_places.py)."""
import datetime as dt

import pytest

from analysis import fields
from analysis.fields.dates import parse_fecha
from analysis.fields.values import recognise, recognise_ambito, scale_of, suggest

NIVEL, PRIORIDAD, ESTADO = (fields.get(key) for key in ("nivel", "prioridad", "estado"))


def test_suggestion_for_a_misspelt_value():
    assert suggest("Sacatepeques", ["Sacatepéquez", "Suchitepéquez", "Petén"]) == "Sacatepéquez"


@pytest.mark.parametrize("raw,expected", [
    ("Comunitario", "Comunitario"), ("COCODE", "Comunitario"), ("cocode", "Comunitario"),
    ("Municipal (COMUDE)", "Municipal"), ("CODEDE", "Departamental"), ("nivel nacional", "Nacional"),
    ("COREDUR", "Regional"), ("Local", None), ("Municipal y comunitario", None),
])
def test_nivel(raw, expected):
    assert recognise(NIVEL, raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Seguridad Interior", "Seguridad Interior"), ("interior", "Seguridad Interior"),
    ("Gestión de riesgos", "Gestión de Riesgos y Defensa Civil"), ("Defensa civil", "Gestión de Riesgos y Defensa Civil"),
    ("Inteligencia", "Inteligencia de Estado"), ("EXTERIOR", "Seguridad Exterior"), ("Salud", None),
])
def test_ambito(raw, expected):
    assert recognise_ambito(raw) == expected


def test_prioridad_words_and_scales():
    assert [recognise(PRIORIDAD, v) for v in ("Alta", "medio", "BAJA", "1", "2", "3", "urgente")] == [
        "Alta", "Media", "Baja", "Alta", "Media", "Baja", "Alta"]
    assert scale_of(PRIORIDAD, ["1", "5", "3"]) == 5 and scale_of(PRIORIDAD, ["1", "2"]) == 3
    assert [recognise(PRIORIDAD, v, 5) for v in ("1", "2", "3", "4", "5")] == ["Alta", "Alta", "Media", "Baja", "Baja"]
    assert recognise(PRIORIDAD, "7") is None
    assert scale_of(NIVEL, ["1"]) is None


def test_estado_known_values():
    assert recognise(ESTADO, "en proceso") == "En seguimiento"
    assert recognise(ESTADO, "Resuelta") == "Atendida"
    assert recognise(ESTADO, "Trasladada a CONRED") is None  # kept as written by the validation (si_no_se_reconoce)


@pytest.mark.parametrize("raw", ["09/11/2017", "9/11/2017", "9-11-17", "2017-11-09", "9 de noviembre de 2017",
                                 "jueves 9 nov. 2017", "9 noviembre 2017", dt.datetime(2017, 11, 9, 8, 30),
                                 dt.date(2017, 11, 9), 43048.0, "43048"])
def test_fecha_is_day_first_in_every_form(raw):
    assert parse_fecha(raw) == dt.date(2017, 11, 9)


@pytest.mark.parametrize("raw", ["31/02/2017", "pronto", "2017", "noviembre 2017", "", 12.5])
def test_not_a_full_date(raw):
    assert parse_fecha(raw) is None
