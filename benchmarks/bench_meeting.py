"""Meeting outputs with 100,000 stored needs: the PowerPoint, a chart image, the next slide.

Run by hand (never in CI):  python benchmarks/bench_meeting.py [--runs 5]

Each number comes with a baseline measured in the same run, on the same machine, so the
ratio says what the dashboard adds to the tools it stands on:

1. PowerPoint of every key panel (`report -o x.pptx`), against the same deck built from the
   1,667-need sample (what the size of the data costs).
2. A chart PNG at 1920 px (the department map, the heaviest), after the first (kaleido's browser
   already running), against kaleido rendering a one-bar figure of the same size.
3. Presentation mode, «Siguiente» (AppTest rerun), against a rerun of a two-line Streamlit page.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_import import build_file  # noqa: E402


def timed(action, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        found.append(time.perf_counter() - start)
    return found


def line(name: str, seconds: list[float], baseline: list[float], unit: str = "s") -> str:
    scale = 1000 if unit == "ms" else 1
    low, mid, high = (scale * f(seconds) for f in (min, statistics.median, max))
    ratio = statistics.median(seconds) / statistics.median(baseline)
    return (f"{name:<44} min {low:7.2f} {unit}  mediana {mid:7.2f} {unit}  máx {high:7.2f} {unit}  "
            f"× {ratio:5.2f} la base ({scale * statistics.median(baseline):.2f} {unit})")


def deck_seconds(db_url: str, runs: int, folder: Path) -> list[float]:
    from analysis.cli.report import write_report
    from analysis.store import Store
    store = Store(db_url)
    write_report(store, str(folder / "calentar.pptx"), {})  # caches (text index) built once, as on a server
    return timed(lambda: write_report(store, str(folder / "informe.pptx"), {}), runs)


def image_seconds(db_url: str, runs: int) -> tuple[list[float], list[float]]:
    from analysis.presentation import IMAGE, PANELS, Context, Provenance, images
    from analysis.store import Store
    from analysis.view import Filters, build_text_index
    store = Store(db_url)
    needs = store.needs()
    context = Context.of(needs, Filters(), build_text_index(needs), {})
    provenance = Provenance.of(store.uploads(), Filters(), len(needs), len(needs))
    panel = PANELS["mapa_departamentos"]
    images.panel_image(panel.draw(context, IMAGE), provenance)  # the first starts kaleido's browser
    chart = timed(lambda: images.panel_image(panel.draw(context, IMAGE), provenance), runs)
    bare = go.Figure(go.Bar(x=[1], y=["a"], orientation="h"), layout=dict(width=1920, height=1080))
    baseline = timed(lambda: images.render([bare]), runs)
    return chart, baseline


HELLO = """import streamlit as st
st.button("Siguiente", on_click=lambda: st.query_params.update(n=str(int(st.query_params.get("n", 1)) + 1)))
st.markdown(f"Diapositiva {st.query_params.get('n', 1)}")
"""


def next_slide_seconds(db_url: str, runs: int, folder: Path) -> tuple[list[float], list[float]]:
    from streamlit.testing.v1 import AppTest
    os.environ["DATABASE_URL"] = db_url

    def clicks(at) -> list[float]:
        found = []
        for _ in range(runs):
            button = next(b for b in at.button if b.label == "Siguiente")
            if button.disabled:  # at the last slide: back to the first, not measured
                at.query_params["diapositiva"] = "1"
                at.run()
                button = next(b for b in at.button if b.label == "Siguiente")
            start = time.perf_counter()
            button.click().run()
            found.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        return found

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/presentar.py")
    at.run()
    slides = clicks(at)
    hello = folder / "hola.py"
    hello.write_text(HELLO)
    bare = AppTest.from_file(str(hello), default_timeout=60)
    bare.run()
    return slides, clicks(bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    from analysis.cli.commands import main as cli
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big, sample = f"sqlite:///{folder / 'grande.db'}", f"sqlite:///{folder / 'muestra.db'}"
        assert cli(["import", str(build_file(args.rows)), "--db", big]) == 0
        from analysis.ingest import ensure_sample
        from analysis.store import Store
        ensure_sample(Store(sample))
        deck = deck_seconds(big, args.runs, folder)
        deck_sample = deck_seconds(sample, args.runs, folder)
        chart, bare = image_seconds(big, args.runs)
        slides, hello = next_slide_seconds(big, 2 * args.runs, folder)
    print(f"Con {args.rows:,} necesidades guardadas ({args.runs} corridas; «la base» se mide en la misma corrida):")
    print(line("PowerPoint completo (presupuesto < 15 s)", deck, deck_sample))
    print(line("Imagen PNG del mapa, tras la primera (< 3 s)", chart, bare))
    print(line("Presentar: «Siguiente» (< 300 ms)", slides, hello, "ms"))


if __name__ == "__main__":
    main()
