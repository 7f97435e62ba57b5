"""Dashboard speed with 100,000 stored needs: rerun time, first paint, bytes sent per page.

Run by hand (never in CI):  python benchmarks/bench_dashboard.py [--solo-reruns]

1. Script reruns after a filter change, per page, measured with Streamlit's AppTest: median of 10 changes,
   each to a department not drawn before (nothing in the shared cache of views), then of the same 10 again
   (all from the cache, as for a second analyst opening the same views).
2. Seconds from `streamlit run` starting to the first page drawn in headless Chromium.
3. Bytes the server sends the browser to draw each page (websocket frames).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_import import build_file  # noqa: E402
from tests.support import CHROMIUM_ARGS, browser_path, free_port  # noqa: E402
from ui.site import PAGES  # noqa: E402  (every page of the dashboard, as its navigation lists them)


def rerun_times(db_url: str) -> dict[str, tuple[float, float]]:
    """Per page: median ms of a rerun to a view never drawn, and to one already drawn."""
    from streamlit.testing.v1 import AppTest

    from analysis.fields import reference
    from ui import data
    os.environ["DATABASE_URL"] = db_url
    departamentos = sorted(reference.departamentos().values())
    results = {}
    for number, spec in enumerate(PAGES):
        data.SHARED.clear()  # every page starts with no view drawn (pages share panels and filtered needs)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        if not spec.default:  # the default page is where a new session starts
            at.switch_page(spec.path)
        at.run()
        medians = []
        for _ in ("new", "drawn"):
            times = []
            for i in range(10):
                # a page with the filters reruns after one changes; the others after a plain rerun
                chosen = [departamentos[(number + i) % len(departamentos)]]
                rerun = at.sidebar.multiselect(key="departamento").set_value(chosen).run if spec.filters else at.run
                start = time.perf_counter()
                rerun()
                times.append(time.perf_counter() - start)
                assert not at.exception, at.exception
            medians.append(statistics.median(times) * 1000)
        results[spec.title] = tuple(medians)
    return results


HELLO = """import streamlit as st
st.sidebar.markdown("<div class='conteo'>hola</div>", unsafe_allow_html=True)
"""


def browser_numbers(db_url: str, script: Path = ROOT / "dashboard.py",
                    measure_pages: bool = True) -> tuple[float, dict[str, int]]:
    """Seconds from server start to the sidebar counter drawn; bytes sent per page."""
    from playwright.sync_api import sync_playwright
    port = free_port()
    sizes = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        started = time.perf_counter()  # the browser is already up: only the server's time counts
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script.name, "--server.headless",
                                   "true", "--server.port", str(port), "--server.address", "127.0.0.1"],
                                  cwd=script.parent, env={**os.environ, "DATABASE_URL": db_url},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.05)
            page.wait_for_selector(".conteo", timeout=120_000)
            first_paint = time.perf_counter() - started
            page.close()
            for spec in PAGES if measure_pages else ():
                page = browser.new_page(viewport={"width": 1500, "height": 1000})
                received = []
                page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(
                    len(payload) if isinstance(payload, (bytes, str)) else 0)))
                page.goto(f"http://127.0.0.1:{port}/{'' if spec.default else spec.url}")
                page.wait_for_selector(".conteo" if spec.filters and spec.url != "presentar" else "h1, .diapositiva-titulo",
                                       timeout=120_000)
                page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')",
                                       timeout=120_000)
                page.wait_for_timeout(1000)
                sizes[spec.title] = sum(received)
                page.close()
        finally:
            server.terminate()
            server.wait()
            browser.close()
    return first_paint, sizes


def main() -> None:
    reruns_only = "--solo-reruns" in sys.argv[1:]
    path = build_file(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        from analysis.cli.commands import main as cli
        assert cli(["import", str(path), "--db", db_url]) == 0
        reruns = rerun_times(db_url)
        if not reruns_only:
            cold, sizes = browser_numbers(db_url)  # the first start after an import builds the caches
            warm, _ = browser_numbers(db_url, measure_pages=False)
            hello = Path(tmp) / "hola.py"
            hello.write_text(HELLO)
            baseline, _ = browser_numbers(db_url, hello, measure_pages=False)
    print("Con 100,000 necesidades guardadas:")
    print(f"{'página':<20} {'rerun, vista nueva':>19} {'vista ya dibujada':>18} {'datos al navegador':>20}")
    for spec in PAGES:
        new, drawn = reruns[spec.title]
        size = "" if reruns_only else f"{sizes[spec.title] / 1e6:>17.2f} MB"
        print(f"{spec.title:<20} {new:>16.0f} ms {drawn:>15.0f} ms {size}")
    if not reruns_only:
        print(f"Primera página dibujada tras iniciar el servidor: {cold:.1f} s la primera vez tras una carga, "
              f"{warm:.1f} s al reiniciar; una app Streamlit mínima tarda {baseline:.1f} s en este equipo.")


if __name__ == "__main__":
    main()
