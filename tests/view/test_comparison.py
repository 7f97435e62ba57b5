"""Change between workshops: counts side by side, new/disappeared/grown needs, timeline, what an upload adds."""
import pandas as pd

from analysis.view import comparison
from analysis.view.textindex import build_text_index

ROWS = [  # departamento, municipio, ambito, necesidad, evento, fecha, upload_id
    ["Petén", "Flores", "Seguridad Interior", "Falta de agentes de la PNC", "Taller A", "2017-11-09", 1],
    ["Petén", "", "Seguridad Interior", "Extorsiones a comercios", "Taller A", "2017-11-09", 1],
    ["Izabal", "", "Seguridad Exterior", "Contrabando por la frontera", "Taller A", "2017-11-10", 1],
    ["Petén", "Flores", "Seguridad Interior", "Faltan agentes PNC", "Taller B", "2018-02-01", 2],
    ["Zacapa", "", "Seguridad Interior", "falta de agentes policiales de la PNC", "Taller B", "2018-02-01", 2],
    ["Zacapa", "Gualán", "Seguridad Interior", "Extorsiones a comercios", "Taller B", "2018-02-02", 2],
    ["Zacapa", "Gualán", "Gestión de Riesgos y Defensa Civil", "Incendios forestales", "Taller B", "2018-02-02", 2],
]


def needs():
    frame = pd.DataFrame(ROWS, columns=["departamento", "municipio", "ambito", "necesidad", "evento", "fecha",
                                        "upload_id"])
    return frame.assign(fecha=pd.to_datetime(frame["fecha"]), institucion="", region="")


def test_compare_two_events_by_departamento_and_theme():
    frame = needs()
    index = build_text_index(frame)
    a, b = comparison.select_event(frame, "Taller A"), comparison.select_event(frame, "Taller B")
    places = comparison.compare(a, b, "departamento", index).set_index("departamento")
    assert list(places.index) == ["Petén", "Izabal", "Zacapa"]  # reference (INE code) order
    assert places.loc["Zacapa"].tolist() == [0, 3, 3, "Nueva"]
    assert places.loc["Izabal", "situacion"] == "Desapareció" and places.loc["Petén", "situacion"] == "Bajó"
    topics = comparison.compare(a, b, "tema", index).set_index("tema")
    assert topics.loc["Falta de personal policial", ["antes", "despues", "situacion"]].tolist() == [1, 2, "Creció"]
    assert topics.loc["Incendios forestales", "situacion"] == "Nueva"
    assert topics.loc["Extorsión", "situacion"] == "Igual"


def test_compare_needs_counts_a_reworded_need_as_the_same_need():
    frame = needs()
    index = build_text_index(frame)
    table = comparison.compare_needs(comparison.select_event(frame, "Taller A"),
                                     comparison.select_event(frame, "Taller B"), index)
    assert list(table["situacion"]) == ["Nueva", "Creció", "Igual", "Desapareció"]
    assert table.iloc[0]["necesidad"] == "Incendios forestales"
    assert table.iloc[1][["antes", "despues"]].tolist() == [1, 2]


def test_periods_and_timeline_by_month_and_event():
    frame = needs()
    assert len(comparison.select_period(frame, "2018-01-01", "2018-12-31")) == 4
    months = comparison.timeline(frame)
    assert list(months["periodo"]) == ["nov 2017", "dic 2017", "ene 2018", "feb 2018"]
    assert list(months["necesidades"]) == [3, 0, 0, 4]
    events = comparison.timeline(frame, by="evento", split="ambito")
    assert list(events["periodo"]) == ["Taller A", "Taller B"]
    assert events.set_index("periodo").loc["Taller B", "Seguridad Interior"] == 3
    topics = comparison.timeline(frame, by="evento", split="tema", index=build_text_index(frame))
    assert topics.set_index("periodo").loc["Taller B", "Falta de personal policial"] == 2


def test_what_an_upload_adds_to_everything_stored_before():
    frame = needs()
    added = comparison.upload_additions(frame, build_text_index(frame), 2)
    assert added.necesidades == 4 and added.nuevos_departamentos == ["Zacapa"]
    assert added.nuevos_municipios == ["Gualán (Zacapa)"]
    assert added.nuevos_temas == ["Incendios forestales"]
    assert (added.conocidas, added.nuevas) == (3, 1)
    known = added.necesidades_conocidas
    assert known.iloc[0].tolist() == ["Falta de agentes de la PNC", 2, 1]


def test_a_long_timeline_is_grouped_by_quarter_then_by_year():
    def dated(*fechas):
        return pd.DataFrame({"fecha": pd.to_datetime(list(fechas)), "evento": "Taller A"})
    assert comparison.timeline_step(dated("2017-11-09", "2019-10-30")) == ("mes", 1)  # 24 months
    quarters = comparison.timeline(dated("2017-11-09", "2017-12-01", "2020-02-15"))
    assert comparison.timeline_step(dated("2017-11-09", "2020-02-15")) == ("trimestre", 3)
    assert list(quarters["periodo"])[:2] == ["T4 2017", "T1 2018"] and list(quarters["periodo"])[-1] == "T1 2020"
    assert quarters["necesidades"].tolist()[0] == 2 and quarters["necesidades"].sum() == 3
    years = comparison.timeline(dated("2010-03-01", "2024-06-01", "2024-07-01"))
    assert list(years["periodo"]) == [str(y) for y in range(2010, 2025)] and years["necesidades"].iloc[-1] == 2
