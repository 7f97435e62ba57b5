"""Chart builders: the house style a projector needs, fixed colours, maps that fit, click metadata."""
import pandas as pd

from analysis.fields.reference import AMBITOS
from analysis.presentation import charts, geo, maps
from analysis.presentation.charts import IMAGE, SCREEN
from analysis.presentation.text_width import width


def sizes(fig):
    layout = fig.layout
    found = [layout.font.size, layout.xaxis.tickfont.size, layout.yaxis.tickfont.size, layout.hoverlabel.font.size]
    if layout.title.text:
        found.append(layout.title.font.size)
    return found


COUNTS = pd.DataFrame({"departamento": ["Petén", "Izabal", "Zacapa"], "necesidades": [5, 9, 1],
                       "porcentaje": [33.3, 60.0, 6.7]})


def test_bars_are_sorted_largest_on_top_with_count_and_share_beside_them():
    fig = charts.bars(COUNTS, "departamento", "Por departamento", field="departamento")
    bar = fig.data[0]
    assert list(bar.y) == ["Zacapa", "Petén", "Izabal"]  # plotly draws the last category on top
    assert bar.text[-1] == "9 (60.0 %)" and bar.textposition == "outside" and bar.cliponaxis is False
    assert fig.layout.margin.r >= len("9 (60.0 %)") * 8  # the longest bar's label has room past the plot
    assert fig.layout.xaxis.visible is False  # each bar writes its number: no axis repeats it in small type
    assert bar.meta[-1] == {"departamento": "Izabal"}
    assert min(sizes(fig)) >= 14 and fig.layout.separators == ".,"


def test_on_screen_the_labels_margin_is_computed_and_images_let_plotly_measure_it():
    frame = pd.DataFrame({"ambito": ["Gestión de Riesgos y Defensa Civil", "Seguridad Interior"],
                          "necesidades": [3, 1], "porcentaje": [75.0, 25.0]})
    screen, image = (charts.bars(frame, "ambito", "x", look) for look in (SCREEN, IMAGE))
    assert "Gestión de Riesgos<br>y Defensa Civil" in screen.data[0].y
    assert screen.layout.yaxis.automargin is False  # the browser measures nothing after a filter change
    assert screen.layout.margin.l >= 10 + width("Gestión de Riesgos", SCREEN.ticks) + charts.PAD + charts.TICK_GAP
    assert image.layout.yaxis.automargin is True  # kaleido's fonts may differ: plotly measures


def test_images_use_larger_type_than_the_screen():
    screen = charts.bars(COUNTS, "departamento", "x", SCREEN)
    image = charts.bars(COUNTS, "departamento", "x", IMAGE)
    assert min(sizes(image)) > max(sizes(screen)) - 4 and image.layout.width == 1920


def test_each_ambito_keeps_its_colour():
    frame = pd.DataFrame({"ambito": list(reversed(AMBITOS)), "necesidades": [1, 2, 3, 4],
                          "porcentaje": [10, 20, 30, 40]})
    fig = charts.bars(frame, "ambito", "x", colors=charts.AMBITO_COLORS, sort=False, field="ambito")
    colours = dict(zip([m["ambito"] for m in fig.data[0].meta], fig.data[0].marker.color))
    assert colours == {a: charts.AMBITO_COLORS[a] for a in AMBITOS}
    stacked = charts.stacked(pd.DataFrame({"Seguridad Interior": [1], "Inteligencia de Estado": [2]},
                                          index=["PNC"]), "x", charts.AMBITO_COLORS)
    assert [t.marker.color for t in stacked.data if t.type == "bar"] == [
        charts.AMBITO_COLORS["Seguridad Interior"], charts.AMBITO_COLORS["Inteligencia de Estado"]]
    assert list(stacked.data[-1].text) == ["3"]  # the total beside the bar


def test_heatmap_cells_are_clickable_and_labels_not_cut():
    table = pd.DataFrame([[3, 0], [1, 2]], index=["Nacional", "Municipal"],
                         columns=["Seguridad Interior", "Gestión de Riesgos y Defensa Civil"])
    fig = charts.heatmap(table, "Nivel × ámbito", "Ámbito", "Nivel", fields_=("nivel", "ambito"))
    assert "Gestión de Riesgos y<br>Defensa Civil" in list(fig.data[0].x)  # wrapped, never cut
    assert {"nivel": "Municipal", "ambito": "Seguridad Interior"} in fig.data[1].meta
    assert list(fig.data[0].texttemplate for _ in [0]) == ["%{text:,}"]  # every cell says its count


def test_values_from_files_are_drawn_as_written_and_still_filter_as_stored():
    link = "<a href='http://ejemplo.invalid'>PNC</a>"
    frame = pd.DataFrame({"institucion": [link, "MP & OJ"], "necesidades": [2, 1], "porcentaje": [66.7, 33.3]})
    fig = charts.bars(frame, "institucion", "x", field="institucion")
    shown = "".join(fig.data[0].y) + str(fig.data[0].customdata)
    assert "<a" not in shown and "&lt;a href='http://ejemplo.invalid'&gt;" in shown and "MP &amp; OJ" in shown
    assert fig.data[0].meta[-1] == {"institucion": link}  # a click filters on the stored value
    table = pd.DataFrame([[1]], index=[link], columns=["<b>x</b>"])
    heat = charts.heatmap(table, "t", "c", "f", fields_=("institucion", "ambito"))
    assert "<b>" not in str(heat.data[0].x) + str(heat.data[0].y) + str(heat.data[0].customdata)


def test_the_department_map_holds_the_whole_country_and_keeps_gaps_apart():
    areas = geo.departamento_areas()
    petén, izabal = 17, 18
    fig = maps.area_map(areas, {petén: 2, izabal: 1}, outside={1}, clicks={a.codigo: {"departamento": a.nombre}
                                                                          for a in areas})
    minx, miny, maxx, maxy = geo.bounds(areas)
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 <= minx and x1 >= maxx and y0 <= miny and y1 >= maxy  # nothing of Guatemala cut
    assert fig.layout.yaxis.scaleanchor == "x"  # shapes keep their proportions at any size
    shapes = {t.text.split("</b>")[0][3:]: t for t in fig.data if t.fill == "toself"}
    assert len(shapes) == 22
    assert shapes["Petén"].fillcolor != shapes["Izabal"].fillcolor and list(shapes["Petén"].meta) == [
        {"departamento": "Petén"}]
    assert shapes["Zacapa"].fillpattern.shape == "/" and shapes["Zacapa"].name == "Sin registros"
    assert shapes["Zacapa"].meta is None  # nothing to filter to
    assert shapes["Guatemala"].name == "Fuera del filtro" and shapes["Guatemala"].fillpattern.shape is None
    names = " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations)
    assert all(area.nombre in names for area in areas if area.codigo != 1)  # every area in view is named
    (scale,) = [t for t in fig.data if t.marker and t.marker.showscale]
    assert list(scale.marker.colorbar.tickvals) == [0, 1, 2]  # from zero, whole numbers only


def test_integer_ticks_never_fall_between_whole_numbers():
    assert maps.integer_ticks(38, 40) == [38, 39, 40]
    assert maps.integer_ticks(1, 2) == [1, 2]
    assert all(float(t).is_integer() for t in maps.integer_ticks(3, 1234))


def test_a_municipio_map_fits_its_department():
    areas = geo.municipio_areas(13)  # Huehuetenango, 33 municipios
    fig = maps.area_map(areas, {1301: 4}, outside=set())
    minx, miny, maxx, maxy = geo.bounds(areas)
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 <= minx and x1 >= maxx and y0 <= miny and y1 >= maxy
    assert len(fig.to_json()) < 400_000


def test_the_house_style_reaches_every_axis_and_keeps_what_the_builder_set():
    from plotly.subplots import make_subplots
    fig = make_subplots(rows=1, cols=2)
    fig.add_bar(x=[1, 2], y=["a", "b"], orientation="h", row=1, col=1)
    fig.add_bar(x=[3, 4], y=["a", "b"], orientation="h", row=1, col=2)
    fig.update_xaxes(range=[0, 9], row=1, col=2)
    charts.style(fig, SCREEN, "Dos paneles", x=dict(tickformat=",d"), margin=dict(r=99))
    layout = fig.layout
    assert layout.xaxis.tickfont.size == layout.xaxis2.tickfont.size == SCREEN.ticks
    assert layout.xaxis.tickformat == layout.xaxis2.tickformat == ",d" and layout.yaxis2.gridcolor == charts.GRID
    assert tuple(layout.xaxis2.range) == (0, 9)  # what the builder set before the style stays
    assert layout.margin.r == 99 and layout.margin.l == 10 and layout.title.text == "Dos paneles"
