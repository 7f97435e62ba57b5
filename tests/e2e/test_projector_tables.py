"""At a projector's width (1280×720) the columns that carry a table's answer are seen without scrolling
sideways: counts, estado, the second side of a comparison, a problem's code.

The grid draws on a canvas; its accessible table lists the columns it draws, those in sight (whole or cut).
So a table passes when all its columns are in sight, or when the ones out of sight or cut are only long text
(ui.widgets.LONG_TEXT), which the grid keeps last.
"""
from urllib.parse import urlencode

from analysis.store.database import Store
from analysis.view import comparison
from tests.e2e.conftest import wait_ready
from ui.widgets import LONG_TEXT

TABLES = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')]
  .filter(d => d.getBoundingClientRect().width > 100).map(d => {
    const scroller = d.querySelector('.dvn-scroller'), box = d.getBoundingClientRect();
    return {right: box.right, wide: scroller.scrollWidth > scroller.clientWidth + 1,
            drawn: [...d.querySelectorAll('th')].map(t => t.textContent),
            count: Number(d.querySelector('table').getAttribute('aria-colcount'))};
  })"""


def tables_in_sight(page) -> list[dict]:
    page.locator("[data-testid=stDataFrame]").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)  # the page's last tables
    for frame in page.locator("[data-testid=stDataFrame]").all():
        frame.scroll_into_view_if_needed()
        if frame.bounding_box()["width"] > 100:
            frame.locator("th").first.wait_for(state="attached", timeout=30_000)  # the grid has drawn
    return page.evaluate(TABLES)


def assert_answers_in_sight(table: dict, answers: list[str]) -> None:
    assert table["right"] <= 1280
    assert set(answers) <= set(table["drawn"]), table
    if table["wide"] or len(table["drawn"]) < table["count"]:  # something is cut or beyond: only long text
        assert table["drawn"][-1] in LONG_TEXT, table
        first_long = next(i for i, name in enumerate(table["drawn"]) if name in LONG_TEXT)
        assert all(name in LONG_TEXT for name in table["drawn"][first_long:]), table


def test_ambitos_frequent_needs_show_their_counts(sample_server, projector):
    projector.goto(f"{sample_server.url}/ambitos")
    wait_ready(projector)
    tables = tables_in_sight(projector)
    assert len(tables) == 4
    for table in tables:
        assert table["drawn"] == ["Veces", "Necesidad"] and not table["wide"], table


def test_comparar_changes_show_both_sides_change_and_situation(sample_server, projector):
    events = comparison.events_in_order(Store(sample_server.db_url).needs())
    query = urlencode({comparison.CHOICE_BY: comparison.BY_EVENT, comparison.CHOICE_A: events[0],
                       comparison.CHOICE_B: events[1]})
    projector.goto(f"{sample_server.url}/comparar?{query}")
    wait_ready(projector)
    (table,) = tables_in_sight(projector)
    assert_answers_in_sight(table, [events[0], events[1], "Cambio", "Situación"])


def test_temas_definitions_fit_and_recurring_needs_show_where_and_when(sample_server, projector):
    projector.goto(f"{sample_server.url}/temas")
    wait_ready(projector)
    definitions, members = [t for t in tables_in_sight(projector) if t["drawn"][0] in ("Tema", "Departamento")][:2]
    assert definitions["drawn"] == ["Tema", "Definición", "Palabras", "Jerga"] and not definitions["wide"]
    assert_answers_in_sight(members, ["Departamento", "Municipio", "Fecha"])


def test_historial_shows_counts_estado_and_the_problem_codes(sample_server, projector):
    projector.goto(f"{sample_server.url}/historial")
    wait_ready(projector, counter=False)
    uploads, report = tables_in_sight(projector)
    assert_answers_in_sight(uploads, ["Importadas", "Rechazadas", "Estado"])
    assert_answers_in_sight(report, ["Gravedad", "Fila", "Columna", "Código"])
