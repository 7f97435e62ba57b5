"""Chart builders: the house style a projector needs, fixed colours, offline maps, click metadata."""
import pandas as pd

from analysis import aggregation, charts, geo
from analysis.reference import AMBITOS


def sizes(fig):
    layout = fig.layout
    found = [layout.font.size, layout.xaxis.tickfont.size, layout.yaxis.tickfont.size, layout.hoverlabel.font.size]
    if layout.title.text:
        found.append(layout.title.font.size)
    return found


COUNTS = pd.DataFrame({"departamento": ["Petén", "Izabal", "Zacapa"], "necesidades": [5, 9, 1],
                       "porcentaje": [33.3, 60.0, 6.7]})


def test_bars_are_sorted_largest_on_top_with_count_and_share():
    fig = charts.bar_counts(COUNTS, "departamento", "Por departamento", field="departamento")
    bar = fig.data[0]
    assert list(bar.y) == ["Zacapa", "Petén", "Izabal"]  # plotly draws the last category on top
    assert bar.text[-1] == "9 (60.0 %)" and "necesidades" in bar.hovertemplate
    assert bar.meta[-1] == {"departamento": "Izabal"}
    assert min(sizes(fig)) >= 14 and fig.layout.separators == ".,"


def test_each_ambito_keeps_its_colour():
    frame = pd.DataFrame({"ambito": list(reversed(AMBITOS)), "necesidades": [1, 2, 3, 4],
                          "porcentaje": [10, 20, 30, 40]})
    fig = charts.ambito_bars(frame)
    colours = dict(zip([m["ambito"] for m in fig.data[0].meta], fig.data[0].marker.color))
    assert colours == {a: charts.AMBITO_COLORS[a] for a in AMBITOS}
    stacked = charts.stacked_bars(pd.DataFrame({"Seguridad Interior": [1], "Inteligencia de Estado": [2]},
                                               index=["PNC"]), "x", charts.AMBITO_COLORS)
    assert [t.marker.color for t in stacked.data] == [charts.AMBITO_COLORS["Seguridad Interior"],
                                                      charts.AMBITO_COLORS["Inteligencia de Estado"]]


def test_heatmap_cells_are_clickable_and_labels_not_cut():
    table = pd.DataFrame([[3, 0], [1, 2]], index=["Nacional", "Municipal"],
                         columns=["Seguridad Interior", "Gestión de Riesgos y Defensa Civil"])
    fig = charts.heatmap(table, "Nivel × ámbito", "Ámbito", "Nivel", fields=("nivel", "ambito"))
    assert "Gestión de<br>Riesgos y<br>Defensa Civil" in list(fig.data[0].x)
    assert {"nivel": "Municipal", "ambito": "Seguridad Interior"} in fig.data[1].meta


def test_map_draws_without_a_tile_server_and_stays_small():
    values = aggregation.coverage(pd.DataFrame({"departamento": ["Petén", "Petén", "Izabal"]}))
    fig = charts.choropleth(values, geo.departamentos_geojson(), "departamento", "Mapa", field="departamento")
    assert fig.layout.map.style == "white-bg"
    empty, filled = fig.data
    assert len(empty.locations) == 20 and empty.name == "Sin registros" and empty.meta is None
    assert list(filled.z) == [2, 1]
    assert list(filled.meta) == [{"departamento": "Petén"}, {"departamento": "Izabal"}]
    assert len(fig.to_json()) < 200_000
