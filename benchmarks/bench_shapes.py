"""What recognising a table's shape costs on a 2,000-row file, against reading the same file in the same run.

Run by hand (never in CI):  python benchmarks/bench_shapes.py [--rows 2000] [--runs 7]

For a long table and for a matrix by ámbito (each cell a need, some of them numbered lists), the median over
the runs of: reading the bytes into cells (the baseline), finding the tables and their column roles, fitting and
reading the shapes (lists split included), and the notes that account for every cell. The budget: shapes and
notes together add under 100 ms.
"""
import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.fields import reference  # noqa: E402
from analysis.ingest.importer import Choices, _contents, _notes  # noqa: E402
from analysis.layouts.legends import find_codes  # noqa: E402
from analysis.layouts.tables import read_sheet  # noqa: E402
from analysis.reading import read_workbook  # noqa: E402
from tests.builders import xlsx  # noqa: E402

AMBITOS = ["Seguridad Interior", "Seguridad Exterior", "Gestión de Riesgos y Defensa Civil", "Inteligencia de Estado"]
WORDS = ["Falta de patrullajes", "Alumbrado deficiente", "Extorsiones a comercios", "Deslaves en la carretera",
         "Contrabando por los ríos", "Robos en el mercado", "Pandillas cerca de la escuela"]


def long_table(rows: int) -> bytes:
    random.seed(1)
    municipios = [m.nombre for m in reference.municipios()]
    data = [["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Prioridad"]]
    data += [["", random.choice(municipios), "Municipal", random.choice(AMBITOS),
              f"{random.choice(WORDS)} en la aldea {i}", random.choice(["Alta", "Media", "Baja"])] for i in range(rows)]
    return xlsx({"Datos": data})


def matrix(rows: int) -> bytes:
    random.seed(2)
    municipios = [m.nombre for m in reference.municipios()]
    data = [["Taller de Identificación de Necesidades — Cobán, Alta Verapaz, 15 de marzo de 2018"], [],
            ["Municipio", *AMBITOS]]
    for i in range(rows):
        cells = [f"1. {random.choice(WORDS)} en la aldea {i}\n2. {random.choice(WORDS)}" if i % 5 == 0
                 else f"{random.choice(WORDS)} en el caserío {i}" for _ in AMBITOS]
        data.append([random.choice(municipios), *cells])
    return xlsx({"Matriz": data})


def timed(step, runs: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds) * 1000, result


def measure(name: str, data: bytes, runs: int) -> None:
    read_ms, sheets = timed(lambda: read_workbook(data, name), runs)
    layout_ms, layouts = timed(lambda: [(s, read_sheet(s)) for s in sheets], runs)
    shapes_ms, contents = timed(lambda: _contents(layouts, Choices()), runs)
    codes = find_codes(sheets)
    notes_ms, _ = timed(lambda: _notes(layouts, contents, codes, Choices()), runs)
    needs = sum(len(r.rows) for r in contents.readings)
    print(f"{name}: read {read_ms:.0f} ms (baseline) · tables and roles {layout_ms:.0f} ms · shapes and lists "
          f"{shapes_ms:.0f} ms · notes {notes_ms:.0f} ms → shapes + notes {shapes_ms + notes_ms:.0f} ms "
          f"({(shapes_ms + notes_ms) / read_ms:.2f}× the read), {needs:,} needs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    measure("tabla.xlsx", long_table(args.rows), args.runs)
    measure("matriz.xlsx", matrix(args.rows), args.runs)


if __name__ == "__main__":
    main()
