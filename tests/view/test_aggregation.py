"""Counts behind the charts: orders, zeros, shares, themes, rankings, coverage."""
import pandas as pd

from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.view import aggregation
from analysis.view.textindex import build_text_index
from analysis.view.themes import OTHER


def needs(rows):
    frame = pd.DataFrame(rows, columns=["departamento", "municipio", "municipio_codigo", "region", "nivel", "ambito",
                                        "necesidad", "institucion", "prioridad", "estado"])
    return frame.assign(evento="Taller")


NEEDS = needs([
    ["Petén", "Flores", 1701, "VIII Petén", "Municipal", "Seguridad Interior", "Extorsiones a comercios", "PNC", "Alta",
     "Identificada"],
    ["Petén", "", None, "VIII Petén", "Comunitario", "Seguridad Interior", "extorsiones a COMERCIOS", "PNC", "Baja",
     "Atendida"],
    ["Izabal", "", None, "III Nororiente", SIN_ESPECIFICAR, "Seguridad Exterior", "Contrabando por la frontera",
     "SAT", "", ""],
    ["Petén", "Flores", 1701, "VIII Petén", "Municipal", "Gestión de Riesgos y Defensa Civil", "Algo muy distinto",
     "", "Media", "En seguimiento"],
])


def test_count_by_keeps_reference_order_and_zeros():
    levels = aggregation.count_by(NEEDS, "nivel", keep_order=True)
    assert list(levels["nivel"]) == ["Nacional", "Regional", "Departamental", "Municipal", "Comunitario",
                                     SIN_ESPECIFICAR]
    assert list(levels["necesidades"]) == [0, 0, 0, 2, 1, 1]
    assert levels["porcentaje"].sum() == 100


def test_count_by_sorts_largest_first():
    assert list(aggregation.count_by(NEEDS, "departamento")["departamento"]) == ["Petén", "Izabal"]


def test_crosstab_has_every_reference_column():
    table = aggregation.crosstab(NEEDS, "departamento", "ambito")
    assert list(table.columns)[:4] == ["Seguridad Interior", "Seguridad Exterior",
                                       "Gestión de Riesgos y Defensa Civil", "Inteligencia de Estado"]
    assert table.loc["Petén", "Seguridad Interior"] == 2 and table.loc["Izabal", "Inteligencia de Estado"] == 0
    assert len(table.index) == 22


def test_headline_and_themes():
    top = aggregation.headline(NEEDS, total=10)
    assert (top.shown, top.total, top.departamentos_cubiertos) == (4, 10, 2)
    assert (top.top_departamentos.names, top.top_departamentos.count) == (["Petén"], 3)
    assert top.temas["Extorsión"] == 2 and top.temas[OTHER] == 1
    assert top.top_temas.index[0] == "Extorsión" and OTHER not in top.top_temas.index


def test_top_needs_groups_spellings_and_uses_the_index_of_all_needs():
    index = build_text_index(NEEDS)
    ranked = aggregation.top_needs(NEEDS[NEEDS["ambito"] == "Seguridad Interior"], 5, index)
    assert ranked.to_dict("records") == [{"necesidad": "Extorsiones a comercios", "necesidades": 2}]


def test_institution_breakdown_in_priority_order():
    table = aggregation.institution_breakdown(NEEDS, "prioridad")
    assert list(table.index) == ["PNC", "SAT"] and list(table.columns) == ["Alta", "Baja", "Sin prioridad"]


def test_coverage_lists_every_department_and_municipio_with_zeros():
    coverage = aggregation.coverage(NEEDS)
    assert len(coverage) == 22 and coverage.set_index("departamento").loc["Jutiapa", "necesidades"] == 0
    munis = aggregation.municipio_coverage(NEEDS, "Petén").set_index("municipio")
    assert munis.loc["Flores", "necesidades"] == 2 and munis.loc["San Benito", "necesidades"] == 0
