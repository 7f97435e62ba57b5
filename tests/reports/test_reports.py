"""The PowerPoint, the Excel report and the chart images, opened and read as the analyst's audience would."""
import datetime as dt
import io

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from analysis.cli.commands import main
from analysis.fields import reference
from analysis.presentation import images
from analysis.presentation.charts import IMAGE
from analysis.presentation.panels import PANELS, Context
from analysis.presentation.provenance import Provenance
from analysis.reports.deck import slides as deck_slides
from analysis.reports.excel import report_bytes
from analysis.reports.powerpoint import presentation_bytes
from analysis.store.database import Store
from analysis.view.filters import Filters


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_db_file):
    """The sample store (a copy) with its needs and uploads, read once for the module."""
    import shutil
    path = tmp_path_factory.mktemp("informes") / "n.db"
    shutil.copyfile(sample_db_file, path)
    store = Store(f"sqlite:///{path}")
    return store, store.needs(), store.uploads()


def provenance_of(uploads, context):
    return Provenance.of(uploads, context.filters, len(context.needs), context.total)


@pytest.fixture(scope="module")
def deck(sample):
    store, needs, uploads = sample
    context = Context.of(needs, Filters())
    return Presentation(io.BytesIO(presentation_bytes(context, provenance_of(uploads, context), uploads))), needs


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_the_deck_is_16_9_with_cover_one_slide_per_key_panel_and_method(deck):
    presentation, needs = deck
    assert (presentation.slide_width, presentation.slide_height) == (12191695, 6858000)  # 13.333 × 7.5 in
    slides = list(presentation.slides)
    assert len(slides) == len(deck_slides(Context.of(needs, Filters()))) == 14
    cover = " ".join(texts(slides[0]))
    assert "Necesidades de seguridad identificadas a nivel local" in cover
    assert "Filtros: ninguno: todas las necesidades" in cover and "muestra_necesidades.xlsx" in cover
    assert "Método y fuentes" in texts(slides[-1])[0]
    assert "3 filas rechazadas" in " ".join(texts(slides[-1]))
    for slide in slides:  # the marking and the cut-off travel on every slide
        said = " ".join(texts(slide))
        assert "USO OFICIAL — RESERVADO" in said and "DATOS SINTÉTICOS" in said
    for slide in slides[1:]:
        assert "Datos al " in " ".join(texts(slide))


def test_slide_titles_are_takeaways_computed_from_the_data(deck):
    presentation, needs = deck
    by_ambito = needs["ambito"].value_counts()
    top = by_ambito.index[0]
    share = round(100 * by_ambito.iloc[0] / len(needs))
    assert texts(presentation.slides[1])[0] == f"{top} concentra el {share} % de las necesidades."
    by_depto = needs["departamento"].value_counts()
    assert texts(presentation.slides[2])[0] == (
        f"{by_depto.index[0]} es el departamento con más necesidades: {by_depto.iloc[0]:,} "
        f"({round(100 * by_depto.iloc[0] / len(needs))} %).")


def test_bar_charts_are_native_editable_charts_with_the_right_numbers(deck):
    presentation, needs = deck
    (chart,) = [s.chart for s in presentation.slides[1].shapes if s.has_chart]
    plot = chart.plots[0]
    categories = list(plot.categories)
    assert categories == list(reference.AMBITOS)
    assert list(plot.series[0].values) == [int((needs["ambito"] == a).sum()) for a in categories]
    (levels,) = [s.chart for s in presentation.slides[5].shapes if s.has_chart]
    assert list(levels.plots[0].categories)[:5] == list(reference.NIVELES)
    stacked = [s.chart for slide in presentation.slides for s in slide.shapes if s.has_chart
               and len(s.chart.plots[0].series) > 1]
    assert stacked and {series.name for series in stacked[1].plots[0].series} >= {"Alta", "Media", "Baja"}


def test_maps_and_heatmaps_are_pictures_at_least_1920_px_wide(deck):
    presentation, _ = deck
    pictures = [shape for slide in presentation.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 3  # the department map and two heatmaps
    for picture in pictures:
        assert picture.image.size[0] >= 1920 and picture.image.content_type == "image/png"


def test_the_ten_most_frequent_needs_slide(deck):
    presentation, needs = deck
    (table,) = [s.table for slide in presentation.slides for s in slide.shapes if s.has_table]
    counts = needs["clave"].value_counts()
    assert table.cell(0, 0).text == "Necesidad" and len(table.rows) == 11
    assert table.cell(1, 1).text == f"{counts.iloc[0]:,}"


def test_a_one_department_deck_shows_its_municipios_instead_of_one_department(sample):
    store, needs, uploads = sample
    context = Context.of(needs, Filters.of(departamento=["Petén"]))
    deck = Presentation(io.BytesIO(presentation_bytes(context, provenance_of(uploads, context), uploads)))
    titles = [texts(s)[0] for s in deck.slides]
    keys = [s.key for s in deck_slides(context)]
    assert len(titles) == len(keys)
    assert "departamentos" not in keys and "mapa_departamentos" not in keys and "regiones" not in keys
    assert keys.index("municipios") < keys.index("mapa_municipios")
    by_municipio = context.needs.loc[context.needs["municipio"] != "", "municipio"].value_counts()
    petén = [m for m in reference.municipios() if m.departamento_codigo == 17]
    assert titles[keys.index("mapa_municipios")] == (
        f"{by_municipio.size} de {len(petén)} municipios de Petén tienen necesidades registradas; "
        f"{by_municipio.index[0]} encabeza con {by_municipio.iloc[0]}.")
    assert titles[keys.index("municipios")] == (
        f"En Petén, {by_municipio.index[0]} es el municipio con más necesidades: {by_municipio.iloc[0]} de las "
        f"{by_municipio.sum()} que indican municipio.")
    assert "Departamento: Petén" in " ".join(texts(deck.slides[0]))


def test_the_excel_report_has_cover_needs_and_summaries(sample):
    store, needs, uploads = sample
    filters = Filters.of(region=["III Nororiente"])
    context = Context.of(needs, filters)
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(context.needs, provenance_of(uploads, context))))
    assert book.sheetnames == ["Portada", "Necesidades", "Por departamento", "Por ámbito", "Por nivel",
                               "Departamento × ámbito"]
    cover = [[c for c in row if c is not None] for row in book["Portada"].iter_rows(values_only=True)]
    assert ["Región", "III Nororiente"] in cover
    assert ["Necesidades", f"{len(context.needs):,} de {len(needs):,} registradas"] in cover
    sheet = book["Necesidades"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Departamento", "Código INE del departamento", "Municipio", "Código INE del municipio"]
    assert "Ámbito" in header and "Institución" in header and "ambito" not in header
    assert sheet.max_row == len(context.needs) + 1 and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    fecha = header.index("Fecha") + 1
    dated = [sheet.cell(r, fecha) for r in range(2, sheet.max_row + 1) if sheet.cell(r, fecha).value]
    assert dated and all(isinstance(c.value, dt.datetime) and c.number_format == "DD/MM/YYYY" for c in dated)
    assert sheet.oddHeader.center.text.startswith("USO OFICIAL")
    cross = list(book["Departamento × ámbito"].iter_rows(values_only=True))
    assert [row[0] for row in cross[1:]] == ["El Progreso", "Izabal", "Zacapa", "Chiquimula", "Total"]  # INE order
    assert cross[-1][-1] == len(context.needs)  # the grand total
    by_depto = {row[0]: row[1] for row in book["Por departamento"].iter_rows(min_row=2, values_only=True)}
    assert by_depto == context.needs["departamento"].value_counts().to_dict()


def test_chart_images_are_1920_png_and_svg_framed_with_the_view(sample):
    store, needs, uploads = sample
    context = Context.of(needs, Filters.of(ambito=["Seguridad Interior"]))
    drawn = PANELS["departamentos"].draw(context, IMAGE)
    provenance = provenance_of(uploads, context)
    png = images.panel_image(drawn, provenance, "png")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    svg = images.panel_image(drawn, provenance, "svg").decode()
    assert svg.startswith("<svg") and "Necesidades por departamento" in svg
    assert "Seguridad Interior · " in svg and "USO OFICIAL — RESERVADO" in svg and "Datos al" in svg


def test_without_a_browser_images_are_refused_in_spanish(monkeypatch, sample):
    monkeypatch.setenv("BROWSER_PATH", "/no/existe/chrome")
    assert not images.available()
    with pytest.raises(images.ImagesUnavailable, match="este equipo no tiene Chromium ni Chrome"):
        images.render([PANELS["ambitos"].draw(Context.of(sample[1], Filters()), IMAGE).figure])


def test_the_cli_writes_the_report_of_a_view_given_as_options_or_as_an_address(tmp_path, sample, capsys):
    store, needs, _ = sample
    out = tmp_path / "informe.xlsx"
    assert main(["report", "-o", str(out), "--db", store.url, "--departamento", "Petén",
                 "--ambito", "Seguridad Interior"]) == 0
    expected = len(Filters.of(departamento=["Petén"], ambito=["Seguridad Interior"]).apply(needs))
    assert openpyxl.load_workbook(out)["Necesidades"].max_row == expected + 1
    assert f"{expected:,} de {len(needs):,} necesidades (Petén · Seguridad Interior)" in capsys.readouterr().out
    pasted = "http://127.0.0.1:8501/territorio?departamento=Pet%C3%A9n&mapa_ambito=Seguridad+Exterior"
    deck = tmp_path / "informe.pptx"
    assert main(["report", "-o", str(deck), "--db", store.url, "--vista", pasted]) == 0
    titles = [texts(s)[0] for s in Presentation(str(deck)).slides]
    assert any("necesidades de Seguridad Exterior" in t for t in titles)  # the map's page choice came along


def test_the_cli_refuses_unknown_values_and_formats_in_spanish(tmp_path, sample, capsys):
    store = sample[0]
    assert main(["report", "-o", str(tmp_path / "x.pptx"), "--db", store.url, "--departamento", "Narnia"]) == 2
    assert "Departamento no reconocido: «Narnia». Valores válidos: Guatemala" in capsys.readouterr().err
    assert main(["report", "-o", str(tmp_path / "x.pdf"), "--db", store.url]) == 2
    assert "se escribe como .pptx (presentación) o .xlsx (Excel)" in capsys.readouterr().err
