"""Needs per 100,000 inhabitants, so departments of very different size compare fairly.

Guatemala (3 million people) will always record more needs than El Progreso (177,000);
dividing by the population shows where needs are dense. The population is the XII Censo
Nacional de Población 2018 of the INE, kept in `data/poblacion_2018.csv` with its source.
The file ships the 22 departamentos; municipio rows (INE code of 3–4 digits) can be added,
and `per_100k(..., "municipio")` then covers them.
"""
import csv
from functools import cache

import pandas as pd

from analysis import DATA
from analysis.fields import reference

TABLE = DATA / "poblacion_2018.csv"
NATIONAL_TOTAL = 14_901_286  # personas censadas, XII Censo Nacional de Población 2018
PER = 100_000
SOURCE = ("Población: INE, XII Censo Nacional de Población y VII de Vivienda 2018 "
          "(14,901,286 personas censadas).")  # said on screen wherever a rate per inhabitant is shown


@cache
def population() -> dict[int, int]:
    """INE code (departamento 1–22, municipio 101–2217) -> people counted in the 2018 census."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {int(r["codigo"]): int(r["poblacion"]) for r in rows}


def per_100k(needs: pd.DataFrame, level: str = "departamento") -> pd.DataFrame:
    """Needs and needs per 100,000 inhabitants of every place with a census figure:
    [codigo, {level}, poblacion, necesidades, por_100k], highest rate first.

    `level` is "departamento" or "municipio" (municipios only where the table has their figure).
    """
    if level == "departamento":
        names = reference.departamentos()
        counts = needs.groupby("departamento").size()
        places = [(code, name, counts.get(name, 0)) for code, name in names.items()]
    else:
        counts = needs.groupby("municipio_codigo").size()
        places = [(m.codigo, m.nombre, counts.get(m.codigo, 0)) for m in reference.municipios()]
    people = population()
    frame = pd.DataFrame([{"codigo": code, level: name, "poblacion": people[code], "necesidades": int(count)}
                          for code, name, count in places if code in people],
                         columns=["codigo", level, "poblacion", "necesidades"])
    frame["por_100k"] = frame["necesidades"] / frame["poblacion"] * PER
    return frame.sort_values(["por_100k", "necesidades"], ascending=False, kind="stable").reset_index(drop=True)
