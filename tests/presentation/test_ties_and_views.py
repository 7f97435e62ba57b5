"""Ties said once (card, takeaway and bar order agree and say «empatan»), panels that tell nothing, count axes
and colour scales from zero."""
import pandas as pd

from analysis.fields import reference
from analysis.formatting import join_names
from analysis.presentation import charts, maps
from analysis.presentation.panels import PANELS, Context, lead_words
from analysis.view import aggregation
from analysis.view.filters import Filters


def needs(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Needs of (departamento, municipio, ambito), the other fields as the store gives them."""
    frame = pd.DataFrame(rows, columns=["departamento", "municipio", "ambito"])
    return frame.assign(region=frame["departamento"].map(reference.region_of_departamento()), nivel="Municipal", necesidad=[f"Necesidad {i}" for i in range(len(frame))],
                        institucion="", prioridad="", estado="", evento="", fecha=pd.NaT, municipio_codigo=0)


TIED = needs([("Zacapa", "", "Seguridad Interior")] * 3 + [("Izabal", "", "Seguridad Exterior")] * 3
             + [("Petén", "", "Seguridad Interior")])


def test_tied_departments_are_named_together_in_the_reference_order_everywhere():
    lead = aggregation.headline(TIED, len(TIED)).top_departamentos
    assert lead.names == ["Izabal", "Zacapa"] and lead.count == 3 and lead.tie  # INE order: Izabal 18, Zacapa 19
    assert (lead.said, lead_words(lead)) == ("Izabal y Zacapa", "empatan con 3 necesidades cada uno")
    context = Context.of(TIED, Filters())
    drawn = PANELS["departamentos"].draw(context)
    assert drawn.takeaway == "Izabal y Zacapa empatan como los departamentos con más necesidades: 3 cada uno (43 %)."
    assert list(drawn.figure.data[0].y)[::-1][:2] == ["Izabal", "Zacapa"]  # the top bar is the first one named
    assert list(drawn.data["departamento"])[:2] == ["Izabal", "Zacapa"]


def test_tied_ambitos_say_empatan_and_a_filtered_view_names_its_place():
    context = Context.of(TIED, Filters.of(departamento=["Izabal", "Zacapa"]))
    assert PANELS["ambitos"].draw(context).takeaway == (
        "En Izabal y Zacapa, Seguridad Interior y Seguridad Exterior empatan con 3 de las 6 necesidades cada uno "
        "(50 %).")
    one = Context.of(TIED, Filters.of(departamento=["Zacapa", "Petén"]))
    assert PANELS["ambitos"].draw(one).takeaway == "En Zacapa y Petén, todas las necesidades en vista (4) son de Seguridad Interior."


def test_a_place_filter_leaves_only_its_regions_in_the_region_chart():
    drawn = PANELS["regiones"].draw(Context.of(TIED, Filters.of(departamento=["Petén", "Izabal"])))
    assert list(drawn.data["region"]) == ["III Nororiente", "VIII Petén"]  # not six more regions at zero


def test_a_panel_with_one_category_or_a_one_row_matrix_tells_nothing():
    one = Context.of(TIED, Filters.of(departamento=["Zacapa"]))
    for key in ("ambitos", "departamentos", "departamento_ambito", "mapa_departamentos"):
        panel = PANELS[key]
        assert not panel.tells_something(one), key
    every = Context.of(TIED, Filters())
    for key in ("ambitos", "departamentos", "departamento_ambito", "mapa_departamentos"):
        panel = PANELS[key]
        assert panel.tells_something(every), key


def test_count_axes_and_colour_scales_start_at_zero_in_whole_steps():
    for largest, step in ((3, 1), (7, 2), (42, 10), (178, 50)):
        assert charts.whole_step(largest) == step
    axis = charts.count_axis(42.0)
    assert axis["range"][0] == 0 and (axis["tick0"], axis["dtick"]) == (0, 10)
    from analysis.presentation import geo
    fig = maps.area_map(geo.departamento_areas(), {17: 39, 18: 42}, set())
    (scale,) = [t.marker for t in fig.data if t.marker and t.marker.showscale]
    assert scale.cmin == 0 and list(scale.colorbar.tickvals)[0] == 0
    assert all(float(v).is_integer() for v in scale.colorbar.tickvals)


def test_names_are_joined_the_spanish_way():
    assert join_names(["Petén"]) == "Petén"
    assert join_names(["Petén", "Izabal"]) == "Petén e Izabal"
    assert join_names(["Zacapa", "Petén", "Jutiapa"]) == "Zacapa, Petén y Jutiapa"
