"""The field catalogue: every field of a need declared once, in `data/campos.toml`, loaded here.

Column mapping, value recognition, the sidebar filters and their URL parameters,
on-screen labels, export order, Explorar's columns and the Excel template are all
built from this one table, so a field is described in one place an analyst can read
(the way pandera keeps a schema as one declaration per column).
"""
import tomllib
from dataclasses import dataclass, field
from functools import cache

from analysis import DATA

CATALOGUE = DATA / "campos.toml"
SIN_ESPECIFICAR = "Sin especificar"
KINDS = ("lugar", "lista", "texto", "fecha", "procedencia", "codigo", "tema")


@dataclass(frozen=True)
class Field:
    """One field of a need, as the catalogue declares it."""

    key: str  # canonical name: database column, CLI export header, URL parameter
    label: str  # on screen and in the dashboard's downloads
    singular: str
    plural: str
    kind: str
    filter: bool = False
    export: bool = False
    explore: bool = False
    template_width: int | None = None
    synonyms: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # controlled values, in presentation order
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> words that recognise it
    colors: dict[str, str] = field(default_factory=dict)  # value -> colour on every chart
    extra: dict[str, dict] = field(default_factory=dict)  # other per-value tables (e.g. nivel -> consejo)

    def words(self, count: int) -> str:
        """«1 departamento», «3 departamentos»."""
        return f"{count:,} {self.singular if count == 1 else self.plural}"


_KNOWN_KEYS = {"etiqueta", "singular", "plural", "tipo", "filtro", "exportar", "explorar", "plantilla", "sinonimos",
               "valores", "palabras", "colores"}


def _field(key: str, spec: dict) -> Field:
    if spec.get("tipo") not in KINDS:
        raise ValueError(f"campos.toml: el campo «{key}» tiene un tipo no válido: {spec.get('tipo')!r}")
    values = tuple(spec.get("valores", ()))
    for table in ("palabras", "colores"):
        unknown = set(spec.get(table, {})) - set(values) - {SIN_ESPECIFICAR, "Sin dato"}
        if values and unknown:
            raise ValueError(f"campos.toml: «{key}.{table}» nombra valores que no existen: {sorted(unknown)}")
    return Field(
        key=key, label=spec["etiqueta"], singular=spec["singular"], plural=spec["plural"], kind=spec["tipo"],
        filter=spec.get("filtro", False), export=spec.get("exportar", False), explore=spec.get("explorar", False),
        template_width=spec.get("plantilla"), synonyms=tuple(spec.get("sinonimos", ())), values=values,
        keywords={v: tuple(w) for v, w in spec.get("palabras", {}).items()}, colors=dict(spec.get("colores", {})),
        extra={k: v for k, v in spec.items() if k not in _KNOWN_KEYS and isinstance(v, dict)},
    )


@cache
def all_fields() -> dict[str, Field]:
    """Every field, in the catalogue's order (which is the export order)."""
    with CATALOGUE.open("rb") as handle:
        return {key: _field(key, spec) for key, spec in tomllib.load(handle).items()}


def get(key: str) -> Field:
    return all_fields()[key]


def label(key: str) -> str:
    """The on-screen name of a field (the key itself when it is not in the catalogue)."""
    found = all_fields().get(key)
    return found.label if found else key


def filter_fields() -> list[Field]:
    """The fields offered as sidebar filters, in catalogue order."""
    return [f for f in all_fields().values() if f.filter]


def export_keys() -> tuple[str, ...]:
    """Export columns in order (the CLI writes these keys as headers)."""
    return tuple(f.key for f in all_fields().values() if f.export)


def mapped_keys() -> tuple[str, ...]:
    """Fields a spreadsheet column can feed (those with synonyms), `region` included."""
    return tuple(f.key for f in all_fields().values() if f.synonyms)
