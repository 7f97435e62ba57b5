"""Import speed and memory on a 100,000-row, 10-column .xlsx, against pandas' default reader.

Run by hand (never in CI):  python benchmarks/bench_import.py [--rows 100000]

Each measurement runs in its own process so its peak memory (max RSS) is its own:
1. `pandas.read_excel(path)` with its default engine (openpyxl): read only;
2. `python -m analysis import PATH --db <fresh SQLite>`: read, map, validate, store;
3. the same import of the same workbook formatted out to column XFD (a styled cell in XFD
   on every row, the used range declared as A1:XFD1048576) with 5,000 styled empty rows
   below the data, as templates often are: it must cost what the data costs.
The budget: (2) takes at most a quarter of the time of (1), with peak memory under 1 GB in each of
its processes (the import, and the sandbox's child that reads the file: analysis.sandbox).
"""
import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.fields import reference  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "output"
HEADER = ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Prioridad", "Institución", "Evento",
          "Fecha", "Estado"]

_CHILD = """
import resource, sys, time, json, threading
from benchmarks.bench_import import largest_descendant
peak_child = [0]
def sample():
    while True:
        peak_child[0] = max(peak_child[0], largest_descendant())
        time.sleep(0.02)
threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_mb": peak_child[0] / 1024}}))
"""


def largest_descendant() -> int:
    """KB of resident memory of the largest process below this one (the sandbox's reading child), from /proc."""
    import os
    parents, sizes = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as status:
                    fields = dict(line.split(":", 1) for line in status if ":" in line)
                parents[int(entry)] = int(fields["PPid"])
                sizes[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
            except (OSError, KeyError, ValueError):
                continue
    me, largest = os.getpid(), 0
    for pid, size in sizes.items():
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            largest = max(largest, size)
    return largest


def build_file(rows: int) -> Path:
    """A realistic big workbook (cached: building it with openpyxl takes a while)."""
    path = OUTPUT / f"necesidades_{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook
    OUTPUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    deptos = list(reference.departamentos().values())
    munis = reference.municipios()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Necesidades")
    sheet.append(HEADER)
    for i in range(rows):
        m = rng.choice(munis) if rng.random() < 0.5 else None
        departamento = reference.departamentos()[m.departamento_codigo] if m else rng.choice(deptos)
        sheet.append([
            departamento if rng.random() > 0.1 else departamento.upper(), m.nombre if m else "",
            rng.choice(list(reference.NIVELES)), rng.choice(reference.AMBITOS),
            f"Necesidad identificada número {i} sobre patrullajes, alumbrado y prevención",
            rng.choice(["Alta", "Media", "Baja", "1", "2"]), rng.choice(["PNC", "CONRED", "Municipalidad", "SIE"]),
            f"Taller {rng.randrange(30)}", dt.datetime(2017, 1, 1) + dt.timedelta(days=rng.randrange(2000)),
            rng.choice(["Identificada", "En seguimiento", "Atendida"]),
        ])
    workbook.save(path)
    return path


def build_formatted(path: Path) -> Path:
    """`path` formatted out to XFD1048576, with styled empty rows after the data (patched in its XML)."""
    formatted = path.with_name(path.stem + "_formato_xfd.xlsx")
    if formatted.exists():
        return formatted

    def pad(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        xml = re.sub(r'(<row r="(\d+)"[^>]*>)(.*?)</row>', lambda m: f'{m[1]}{m[3]}<c r="XFD{m[2]}" s="1"/></row>',
                     xml)
        last = int(re.findall(r'<row r="(\d+)"', xml)[-1])
        empty = "".join(f'<row r="{r}"><c r="A{r}" s="1"/><c r="J{r}" s="1"/></row>'
                        for r in range(last + 1, last + 5001))
        return xml.replace("</sheetData>", empty + "</sheetData>")

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(formatted, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = pad(content.decode()).encode()
            target.writestr(item, content)
    return formatted


def measure(body: str) -> dict:
    code = _CHILD.format(body=body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    path = build_file(args.rows)
    formatted = build_formatted(path)
    with tempfile.TemporaryDirectory() as tmp:
        baseline = measure(f"import pandas as pd\npd.read_excel({str(path)!r})")
        ours, padded = (measure("from analysis.cli.commands import main\n"
                                f"assert main(['import', {str(file)!r}, '--db', {f'sqlite:///{tmp}/{name}.db'!r}]) == 0")
                        for name, file in (("datos", path), ("formato", formatted)))
    print(f"Archivo: {path.name} ({path.stat().st_size / 1e6:.1f} MB, {args.rows:,} filas, 10 columnas)")
    for label, m in (("pandas.read_excel (openpyxl), solo lectura", baseline),
                     ("python -m analysis import (leer, mapear, validar, guardar)", ours),
                     ("el mismo import, libro con formato hasta XFD1048576", padded)):
        print(f"{label:<62} {m['seconds']:6.2f} s  {args.rows / m['seconds']:>9,.0f} filas/s  "
              f"pico {m['peak_mb']:6.0f} MB (proceso de lectura aislado {m['child_mb']:4.0f} MB)")
    ratio = ours["seconds"] / baseline["seconds"]
    peak = max(ours["peak_mb"], ours["child_mb"])
    print(f"Importación / lectura openpyxl: {ratio:.2f} (presupuesto ≤ 0.25), pico {peak:.0f} MB por proceso "
          f"(presupuesto < 1024 MB); con formato hasta XFD: {padded['seconds'] / ours['seconds']:.2f} veces el "
          "tiempo del libro sin formato")


if __name__ == "__main__":
    main()
