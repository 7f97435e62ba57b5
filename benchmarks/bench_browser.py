"""First paint and redraw after a filter change, in Chromium, against a minimal Streamlit app.

Run by hand (never in CI):  python benchmarks/bench_browser.py [--rows 100000] [--runs 5]

Both apps are measured in the same run, on the same machine, so the figures are ratios:
- first paint: seconds from `streamlit run` starting to the first plotly bar drawn in the
  browser (the browser is already open; only the server and the page count). The dashboard
  runs over a store of `--rows` needs whose caches are warm (a first start builds them).
- redraw: seconds from the key press that changes a widget to the chart redrawn with the new
  data. The dashboard: choosing a departamento in the sidebar of Resumen. The baseline:
  choosing another option of its one selectbox.
The baseline is the smallest app that does the same kind of thing: a selectbox and one plotly bar chart.
Targets (issue «Spanish end to end…»): first paint ≤ 1.1× the baseline; redraw ≤ 2× the baseline's.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import CHROMIUM_ARGS, browser_path, free_port  # noqa: E402

BASELINE = """import streamlit as st
import plotly.graph_objects as go
choice = st.selectbox("Departamento", ["Todos", "Petén"])
st.plotly_chart(go.Figure(go.Bar(x=[5, 3, 8] if choice == "Todos" else [1, 2, 1], y=["a", "b", "c"], orientation="h")))
"""
FIRST_BAR = ".js-plotly-plot .bars .point path"


def start(script: Path, db_url: str, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", script.name, "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1"], cwd=script.parent,
                            env={**os.environ, "DATABASE_URL": db_url}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def settled(page) -> None:
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                           " === 'notRunning'", timeout=120_000)


def one_run(browser, script: Path, db_url: str, dashboard: bool) -> tuple[float, float]:
    """(first paint, redraw after a widget change) of one fresh server."""
    port = free_port()
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    started = time.perf_counter()
    server = start(script, db_url, port)
    try:
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/", timeout=5_000)
                break
            except Exception:  # not listening yet
                time.sleep(0.05)
        page.wait_for_selector(FIRST_BAR, timeout=120_000)
        first_paint = time.perf_counter() - started
        settled(page)
        page.wait_for_timeout(500)
        if dashboard:
            page.locator(".st-key-departamento input").click()
            page.keyboard.type("Petén")
            before = page.locator(".conteo").inner_text()
            clicked = time.perf_counter()
            page.keyboard.press("Enter")
            page.wait_for_function("(before) => document.querySelector('.conteo').innerText !== before", arg=before,
                                   timeout=120_000)  # then every chart of the page is redrawn (below)
        else:
            before = page.locator(FIRST_BAR).first.get_attribute("d")
            page.locator("[data-testid=stSelectbox]").click()
            option = page.get_by_role("option", name="Petén")
            option.wait_for()
            clicked = time.perf_counter()
            option.click()
            page.wait_for_function("(before) => { const d = document.querySelector('.js-plotly-plot .bars .point path')"
                                   "?.getAttribute('d'); return d && d !== before; }", arg=before, timeout=120_000)
        settled(page)  # the run that redraws the charts has finished
        return first_paint, time.perf_counter() - clicked
    finally:
        page.close()
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from analysis.cli.commands import main as cli
    from benchmarks.bench_import import build_file
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        assert cli(["import", str(build_file(args.rows)), "--db", db_url]) == 0
        baseline = Path(tmp) / "minima.py"
        baseline.write_text(BASELINE)
        results: dict[str, list[tuple[float, float]]] = {"dashboard": [], "baseline": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
            one_run(browser, ROOT / "dashboard.py", db_url, True)  # builds the caches: not counted
            for _ in range(args.runs):  # alternate, so background load touches both alike
                results["dashboard"].append(one_run(browser, ROOT / "dashboard.py", db_url, True))
                results["baseline"].append(one_run(browser, baseline, db_url, False))
            browser.close()
    median = {name: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
              for name, runs in results.items()}
    (paint, redraw), (base_paint, base_redraw) = median["dashboard"], median["baseline"]
    print(f"{args.rows:,} necesidades; mediana de {args.runs} arranques de cada aplicación")
    print(f"{'':<28}{'tablero':>10}{'app mínima':>12}{'razón':>8}")
    print(f"{'primera gráfica dibujada':<28}{paint:>9.2f}s{base_paint:>11.2f}s{paint / base_paint:>8.2f}")
    print(f"{'redibujo tras un filtro':<28}{redraw:>9.2f}s{base_redraw:>11.2f}s{redraw / base_redraw:>8.2f}")


if __name__ == "__main__":
    main()
