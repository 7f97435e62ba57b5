"""The decks of filtered views, opened as the audience would: python-pptx reads every chart's axis, legend
and title; LibreOffice (a real client) lays every slide out on a page of its own."""
import io
import shutil
import subprocess

import pytest
from pptx import Presentation

from analysis.presentation.panels import Context
from analysis.presentation.provenance import Provenance
from analysis.reports.deck import slides as deck_slides
from analysis.reports.powerpoint import presentation_bytes
from analysis.view.filters import Filters

TWO_AMBITOS = ["Seguridad Interior", "Seguridad Exterior"]
VIEWS = {
    "nacional": Filters(),
    "Petén": Filters.of(departamento=["Petén"]),
    "Petén y dos ámbitos": Filters.of(departamento=["Petén"], ambito=TWO_AMBITOS),
    "un ámbito": Filters.of(ambito=["Seguridad Interior"]),
    "un nivel en Petén": Filters.of(departamento=["Petén"], nivel=["Municipal"]),
}


@pytest.fixture(scope="module")
def decks(sample_db_file):
    """Each view's deck (bytes, opened deck, context), built once for the module."""
    from analysis.store.database import Store
    store = Store(f"sqlite:///{sample_db_file}")
    needs, uploads = store.needs(), store.uploads()
    built = {}
    for name, filters in VIEWS.items():
        context = Context.of(needs, filters)
        data = presentation_bytes(context, Provenance.of(uploads, filters, len(context.needs), len(needs)), uploads)
        built[name] = (data, Presentation(io.BytesIO(data)), context)
    store.engine.dispose()
    return built


def charts(deck):
    return [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]


@pytest.mark.parametrize("view", VIEWS)
def test_every_slide_has_a_title_placeholder_with_text(decks, view):
    _, deck, context = decks[view]
    assert len(deck.slides) == len(deck_slides(context))
    for slide in deck.slides:
        title = slide.shapes.title  # the layout's title placeholder: what the outline and accessibility checker read
        assert title is not None and title.is_placeholder and title.text_frame.text.strip()
    assert not any(slide.shapes.title.text_frame.text.startswith("1 de 1 ") for slide in deck.slides)


@pytest.mark.parametrize("view", VIEWS)
def test_every_native_chart_counts_from_zero_in_whole_steps(decks, view):
    _, deck, _ = decks[view]
    assert charts(deck)
    for chart in charts(deck):
        axis = chart.value_axis
        assert axis.minimum_scale == 0
        assert axis.major_unit >= 1 and float(axis.major_unit).is_integer()
        assert axis.maximum_scale >= max(sum(values) for values in zip(*(s.values for s in chart.plots[0].series)))


@pytest.mark.parametrize("view", VIEWS)
def test_no_chart_has_fewer_than_two_categories_with_needs(decks, view):
    _, deck, _ = decks[view]
    for chart in charts(deck):
        totals = [sum(values) for values in zip(*(s.values for s in chart.plots[0].series))]
        assert sum(1 for t in totals if t > 0) >= 2, list(chart.plots[0].categories)


@pytest.mark.parametrize("view", VIEWS)
def test_legends_list_only_values_in_the_view(decks, view):
    _, deck, context = decks[view]
    chosen = set(context.filters.values("ambito"))
    for chart in charts(deck):
        series = chart.plots[0].series
        assert all(sum(s.values) > 0 for s in series)  # no legend entry for a value with no need in view
        names = {s.name for s in series}
        if chosen and names & {"Seguridad Interior", "Seguridad Exterior", "Inteligencia de Estado"}:
            assert names <= chosen
        if chosen and "Seguridad Interior" in chart.plots[0].categories:
            assert set(chart.plots[0].categories) <= chosen


def test_a_filtered_deck_speaks_of_its_view(decks):
    _, deck, context = decks["Petén y dos ámbitos"]
    counts = context.needs["ambito"].value_counts()
    lead = counts.index[0]
    assert deck.slides[1].shapes.title.text_frame.text == (
        f"En Petén, {lead} reúne {counts.iloc[0]} de las {len(context.needs)} necesidades "
        f"({round(100 * counts.iloc[0] / len(context.needs))} %).")
    (chart,) = [s.chart for s in deck.slides[1].shapes if s.has_chart]
    assert list(chart.plots[0].categories) == TWO_AMBITOS
    assert list(chart.plots[0].series[0].values) == [counts[a] for a in TWO_AMBITOS]


def test_one_ambito_leaves_out_the_ambito_chart_and_its_one_column_matrices(decks):
    _, _, context = decks["un ámbito"]
    keys = [s.key for s in deck_slides(context)]
    assert "ambitos" not in keys and "departamento_ambito" not in keys and "nivel_ambito" not in keys
    assert {"temas", "instituciones_ambito", "departamentos"} <= set(keys)


def test_chart_slides_carry_their_numbers_and_full_names_in_the_notes(decks):
    _, deck, context = decks["nacional"]
    notes = deck.slides[2].notes_slide.notes_text_frame.text
    top = context.needs["departamento"].value_counts()
    assert f"{top.index[0]}: {top.iloc[0]}" in notes


@pytest.mark.parametrize("view", ["nacional", "Petén y dos ámbitos", "un nivel en Petén"])
def test_libreoffice_lays_every_slide_on_one_page(decks, view, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs libreoffice-impress"
    data, deck, _ = decks[view]
    source = tmp_path / "presentacion.pptx"
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/perfil", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True)
    info = subprocess.run(["pdfinfo", str(tmp_path / "presentacion.pdf")], check=True, capture_output=True,
                          text=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(deck.slides)
    text = subprocess.run(["pdftotext", str(tmp_path / "presentacion.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert deck.slides[1].shapes.title.text_frame.text.split(",")[0] in text


@pytest.mark.parametrize("view", ["nacional", "Petén"])
def test_map_and_matrix_pictures_fill_the_slide_with_text_as_large_as_the_native_charts(decks, view):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from analysis.presentation.charts import SLIDE_MAP, SLIDE_WIDE
    from analysis.reports.powerpoint import BODY
    _, deck, _ = decks[view]
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures
    for picture in pictures:
        assert picture.width >= 0.95 * BODY[2] and picture.height >= 0.95 * BODY[3]
    px_per_inch = SLIDE_WIDE.height / (BODY[3] / 914400)  # the looks are drawn at the size they take
    points = [px * 72 / px_per_inch for px in (SLIDE_WIDE.ticks, SLIDE_MAP.ticks, SLIDE_MAP.map.font)]
    assert min(points) >= 12  # the native charts' axis labels are 12 pt, their bar labels 10–14 pt
