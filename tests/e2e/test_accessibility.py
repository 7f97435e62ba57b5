"""axe-core (tests/e2e/axe, pinned; `npm ci --prefix tests/e2e/axe`) finds no WCAG 2.1 A/AA violation on any
page an analyst opens, nor on the sign-in door, and every page's headings go down one level at a time."""
import shutil
from pathlib import Path

import pytest

from analysis.store.database import Store
from tests.e2e.conftest import new_page, wait_ready
from tests.e2e.test_access import sign_in
from tests.e2e.test_browser import address
from tests.support import Server
from ui import site

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
USER, PASSWORD = "ana", "clave de ana 1"
ANALYST_PAGES = [p for p in site.PAGES if p.permission != "administer"]


@pytest.fixture(scope="module")
def analyst(browser, tmp_path_factory, sample_db_file):
    """A browser signed in as an analyst, on a server over a copy of the sample."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix {AXE.parents[2]}`")
    folder = tmp_path_factory.mktemp("axe")
    shutil.copyfile(sample_db_file, folder / "n.db")
    Store(f"sqlite:///{folder / 'n.db'}").accounts.create(USER, "analista", PASSWORD, actor="prueba")
    server = Server(f"sqlite:///{folder / 'n.db'}", folder / "server.log")
    page = new_page(browser, 1280, 720)
    page.server = server
    yield page
    page.context.close()
    server.stop()


def violations(page) -> list[str]:
    """axe's WCAG 2.1 A/AA violations, one line each: rule, impact and the first elements it names."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                          ".then(r => r.violations.map(v => [v.id, v.impact, v.help,"
                          " v.nodes.slice(0, 4).map(n => n.html.slice(0, 160) + ' :: ' + n.failureSummary)]))", TAGS)
    return [f"{rule} ({impact}): {text} — {nodes}" for rule, impact, text, nodes in found]


def headings(page, region: str) -> list[int]:
    """The levels of the headings shown in `region` (the main area or the sidebar), in reading order."""
    return page.evaluate("(region) => [...document.querySelectorAll(`${region} :is(h1,h2,h3,h4,h5,h6)`)]"
                         ".filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))", region)


def test_the_sign_in_door_has_no_violation(sample_server, browser):
    page = new_page(browser, 1280, 720)
    Store(sample_server.db_url).accounts.create("puerta", "analista", PASSWORD, actor="prueba")
    page.goto(sample_server.url)
    page.get_by_role("button", name="Entrar").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert violations(page) == []
    page.context.close()


@pytest.mark.parametrize("spec", ANALYST_PAGES, ids=[p.url for p in ANALYST_PAGES])
def test_no_wcag_violation_and_headings_in_order(analyst, spec):
    if not getattr(analyst, "signed_in", False):
        sign_in(analyst, analyst.server, USER, PASSWORD)
        analyst.signed_in = True
    analyst.goto(f"{analyst.server.url}/{address(spec)}")
    if spec.url == "presentar":
        analyst.wait_for_selector(".diapositiva-titulo", timeout=60_000)
    else:
        wait_ready(analyst, counter=spec.filters)
    analyst.wait_for_timeout(1000)
    assert violations(analyst) == []
    levels = headings(analyst, "[data-testid=stMain]")  # one h1, the page's title, then no level skipped
    assert levels[0] == 1 and levels.count(1) == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert set(headings(analyst, "[data-testid=stSidebar]")) <= {2}  # the sidebar's «Filtros»: a part of the page
