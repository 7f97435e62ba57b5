"""Temas, Comparar, Prioridades and needs per inhabitant show what the analyst needs to read."""
import pytest

from analysis.fields import reference
from analysis.ingest.importer import import_file
from analysis.view import population, themes
from tests.builders import need, simple_xlsx
from tests.pages.conftest import cards, chart

A, B = "Taller Occidente 2018", "Taller de seguimiento 2020"
ROWS = [
    need(departamento="Petén", necesidad="Falta de agentes de la PNC", evento=A, fecha="09/11/2018"),
    need(departamento="Izabal", necesidad="Faltan agentes PNC", evento=A, fecha="09/11/2018", prioridad="Baja"),
    need(departamento="Izabal", necesidad="Extorsiones a transportistas", evento=A, fecha="09/11/2018",
         ambito="Seguridad Exterior"),
    need(departamento="Zacapa", municipio="Gualán", necesidad="Falta de agentes policiales de la PNC", evento=B,
         fecha="15/03/2020"),
    need(departamento="Zacapa", necesidad="Contrabando en la frontera", evento=B, fecha="15/03/2020",
         estado="Atendida"),
    need(departamento="Petén", necesidad="Contrabando en la frontera", evento=B, fecha="16/03/2020"),
]


@pytest.fixture
def loaded(app_store):
    import_file(app_store, simple_xlsx(ROWS), "talleres.xlsx", user="prueba")
    return app_store


def test_temas_shows_definitions_and_the_members_of_a_recurring_need(app, loaded):
    at = app("pages/temas.py")
    definitions = next(d.value for d in at.dataframe if "Definición" in d.value.columns)
    assert list(definitions["Tema"]) == list(themes.theme_names())
    assert definitions.set_index("Tema").loc["Extorsión", "Definición"] == themes.table()[0].definition
    ranked = chart(at, "panel_recurrentes")["data"][0]
    assert ranked["customdata"][-1] == ["Falta de agentes de la PNC", "3 departamentos · 3 necesidades"]
    assert at.selectbox(key="grupo_recurrente").value is not None
    members = next(d.value for d in at.dataframe if "Municipio" in d.value.columns)
    assert list(members["Departamento"]) == ["Izabal", "Petén", "Zacapa"]
    assert list(members["Evento"]) == [A, A, B] and list(members["Fecha"]) == ["09/11/2018", "09/11/2018",
                                                                                "15/03/2020"]
    assert list(members["Municipio"].fillna("—")) == ["—", "—", "Gualán"]


def test_comparar_counts_two_events_side_by_side(app, loaded):
    at = app("pages/comparar.py")
    assert at.selectbox(key="comparar_a").value == A
    shown = dict(cards(at))
    assert (shown[A], shown[B], shown["Necesidades nuevas"], shown["Desaparecieron"]) == ("3", "3", "1", "1")
    bars = chart(at, "panel_comparar_departamentos")["data"]
    per_side = {t["name"]: dict(zip(t["customdata"], t["x"])) for t in bars}
    assert per_side == {A: {"Zacapa": 0, "Izabal": 2, "Petén": 1}, B: {"Zacapa": 2, "Izabal": 0, "Petén": 1}}
    changes = next(d.value for d in at.dataframe if "Situación" in d.value.columns)
    assert changes.to_dict("records") == [
        {"Necesidad": "Contrabando en la frontera", A: 0, B: 2, "Cambio": 2, "Situación": "Nueva"},
        {"Necesidad": "Falta de agentes de la PNC", A: 2, B: 1, "Cambio": -1, "Situación": "Bajó"},
        {"Necesidad": "Extorsiones a transportistas", A: 1, B: 0, "Cambio": -1, "Situación": "Desapareció"},
    ]
    timeline = chart(at, "panel_linea_tiempo")["data"]
    assert sum(sum(t["y"]) for t in timeline if t["type"] == "bar") == 6


def test_comparar_two_periods(app, loaded):
    import datetime as dt
    at = app("pages/comparar.py")
    at.segmented_control(key="comparar_por").set_value("periodo").run()
    at.date_input(key="periodo_a").set_value((dt.date(2018, 11, 9), dt.date(2018, 12, 31))).run()
    at.date_input(key="periodo_b").set_value((dt.date(2020, 3, 16), dt.date(2020, 3, 16))).run()
    shown = dict(cards(at))
    assert shown["09/11/2018 – 31/12/2018"] == "3" and shown["16/03/2020 – 16/03/2020"] == "1"


def test_a_copied_comparar_link_reopens_the_same_comparison(app, loaded):
    # the address as the browser writes it: bound choices by their labels, a period as its two ISO dates
    periods = app("pages/comparar.py", {"comparar_por": "Dos periodos", "periodo_a": ["2018-11-09", "2018-12-31"]})
    assert periods.segmented_control(key="comparar_por").value == "periodo"
    assert dict(cards(periods))["09/11/2018 – 31/12/2018"] == "3"
    events = app("pages/comparar.py", {"comparar_a": B, "comparar_b": A, "linea_por": "Evento"})
    assert (events.selectbox(key="comparar_a").value, events.selectbox(key="comparar_b").value) == (B, A)
    assert events.segmented_control(key="linea_por").value == "evento"


def test_prioridades_ranks_where_to_act_first(app, loaded):
    at = app("pages/prioridades.py")
    first = at.dataframe[0].value.iloc[0].to_dict()
    assert first == {"Departamento": "Petén", "Ámbito": "Seguridad Interior", "Alta": 2, "Media": 0, "Baja": 0,
                     "Sin prioridad": 0, "Pendientes": 2, "Puntaje": 6}
    heat = chart(at, "panel_prioridad_mapa")["data"][0]
    assert "puntos" in heat["hovertemplate"]


def test_needs_per_100k_equal_count_times_100000_over_population(app, loaded):
    at = app("pages/territorio.py")
    bars = chart(at, "panel_por_100k")["data"][0]
    rates = dict(zip((c[0] for c in bars["customdata"]), bars["x"]))
    codes = {name: code for code, name in reference.departamentos().items()}
    assert rates["Petén"] == pytest.approx(2 * 100_000 / population.population()[codes["Petén"]])
    assert rates["Zacapa"] == pytest.approx(2 * 100_000 / population.population()[codes["Zacapa"]])
    assert any("XII Censo Nacional de Población" in c.value for c in at.caption)

