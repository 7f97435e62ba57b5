"""The field catalogue: every field of a need declared once, in `data/campos.toml`, loaded here.

Column mapping, value recognition and what validation does with a value it does not
recognise, the sidebar filters and their URL parameters, on-screen labels, the word
for «no value», colours, value order, export order, Explorar's columns and the Excel
template are all built from this one table, so a field is described in one place an
analyst can read (the way pandera keeps a schema as one declaration per column).
"""
import tomllib
from dataclasses import dataclass, field
from functools import cache

from analysis import DATA

CATALOGUE = DATA / "campos.toml"
SIN_ESPECIFICAR = "Sin especificar"
KINDS = ("lugar", "lista", "texto", "fecha", "procedencia", "codigo", "tema")
# What validation does with a written value that is none of a list's values (`si_no_se_reconoce`).
REJECT, DROP, KEEP = "rechazar", "vaciar", "conservar"


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
    weak_synonyms: tuple[str, ...] = ()  # headers that give the field only when no column says it better
    values: tuple[str, ...] = ()  # controlled values, in presentation order
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> words that recognise it
    colors: dict[str, str] = field(default_factory=dict)  # value -> colour on every chart
    extra: dict[str, dict] = field(default_factory=dict)  # other per-value tables (e.g. nivel -> consejo)
    blank: str = SIN_ESPECIFICAR  # the word for «no value» (stored as such where unrecognised values are rejected)
    unrecognised: str | None = None  # REJECT, DROP or KEEP, for controlled lists
    scales: dict[int, tuple[str, ...]] = field(default_factory=dict)  # highest number -> value of 1, 2, 3…
    done: str | None = None  # the value that closes a need (estado)
    acronyms: tuple[str, ...] = ()  # written in capitals whatever the case they come in (institución)
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> short forms, whole cells only

    @property
    def stored_blank(self) -> str:
        """What the store holds for a blank value: the blank word for a list that must be recognised, else ''."""
        return self.blank if self.unrecognised == REJECT or self.kind == "lugar" else ""

    def words(self, count: int) -> str:
        """«1 departamento», «3 departamentos»."""
        return f"{count:,} {self.singular if count == 1 else self.plural}"


_KNOWN_KEYS = {"etiqueta", "singular", "plural", "tipo", "filtro", "exportar", "explorar", "plantilla", "sinonimos",
               "valores", "palabras", "colores", "vacio", "si_no_se_reconoce", "escalas", "atendido", "siglas",
               "abreviaturas", "sinonimos_debiles"}


def _field(key: str, spec: dict) -> Field:
    if spec.get("tipo") not in KINDS:
        raise ValueError(f"campos.toml: el campo «{key}» tiene un tipo no válido: {spec.get('tipo')!r}")
    values = tuple(spec.get("valores", ()))
    blank = spec.get("vacio", SIN_ESPECIFICAR)
    scales = {int(top): tuple(named) for top, named in spec.get("escalas", {}).items()}
    named = [*spec.get("palabras", {}), *spec.get("colores", {}), *spec.get("abreviaturas", {}),
             *(v for s in scales.values() for v in s),
             *([spec["atendido"]] if "atendido" in spec else [])]
    if values and (unknown := set(named) - set(values) - {blank}):
        raise ValueError(f"campos.toml: el campo «{key}» nombra valores que no existen: {sorted(unknown)}")
    if spec.get("si_no_se_reconoce", REJECT) not in (REJECT, DROP, KEEP):
        raise ValueError(f"campos.toml: «{key}.si_no_se_reconoce» debe ser {REJECT}, {DROP} o {KEEP}")
    if any(len(s) != top for top, s in scales.items()):
        raise ValueError(f"campos.toml: cada escala de «{key}» nombra un valor por número")
    return Field(
        key=key, label=spec["etiqueta"], singular=spec["singular"], plural=spec["plural"], kind=spec["tipo"],
        filter=spec.get("filtro", False), export=spec.get("exportar", False), explore=spec.get("explorar", False),
        template_width=spec.get("plantilla"), synonyms=tuple(spec.get("sinonimos", ())), values=values,
        weak_synonyms=tuple(spec.get("sinonimos_debiles", ())),
        keywords={v: tuple(w) for v, w in spec.get("palabras", {}).items()}, colors=dict(spec.get("colores", {})),
        extra={k: v for k, v in spec.items() if k not in _KNOWN_KEYS and isinstance(v, dict)},
        blank=blank, unrecognised=spec.get("si_no_se_reconoce") if values else None, scales=scales,
        done=spec.get("atendido"), acronyms=tuple(spec.get("siglas", ())),
        abbreviations={v: tuple(a) for v, a in spec.get("abreviaturas", {}).items()},
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


def controlled_fields() -> list[Field]:
    """The fields whose values come from a list (nivel, ámbito, prioridad, estado), in catalogue order."""
    return [f for f in all_fields().values() if f.kind == "lista"]


def blank_word(key: str) -> str:
    """How a field's missing value is named on screen («Sin prioridad»); «Sin especificar» for other columns."""
    found = all_fields().get(key)
    return found.blank if found else SIN_ESPECIFICAR
