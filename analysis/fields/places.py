"""Recognising places as people write them: departamentos and municipios.

Names on screen follow INE (`analysis.fields.reference`). What people write comes in many more
forms, and each family is one rule here, never a fix for one name:

- **Codes**: INE codes as numbers or zero-padded text (`5`, `"05"`, `1406`, `"0101"`, `1406.0`)
  and the OCHA/HDX p-codes (`GT14`, `GT1406`, also `gt-14-06`). One or two digits are a
  departamento, three or four a municipio; a municipio code also places its departamento.
- **Names** compared without accents, case, punctuation or invisible characters, with the
  usual abbreviations written out («Sta.», «Sn.», «Stgo.»), plus the aliases of
  `analysis/data/alias_lugares.csv` (historic, common and variant names that no rule can
  derive; an analyst extends that file).
- **Short forms** of a municipio: without its saint («Chichicastenango», «El Rodeo»), without
  a trailing qualifier («San Bartolo», «Colomba», «Tecpán»), without «de …» («Palestina»), or
  without an opening article («Asintal»). A short form is accepted only when it names exactly
  one municipio (inside the departamento, when one is known), and never when it is a
  departamento's name.
- **A departamento written beside the municipio**: appended or in front, with or without
  punctuation («Pueblo Nuevo Suchitepéquez», «San José, Petén», «Sololá - Panajachel»); so is
  a regional qualifier that several INE names share («Génova Costa Cuca»).
- **Several parts** split at parentheses, commas, slashes, dashes and « o »: each part is
  read for what it is (a departamento or a municipio name), never by its position, and the
  reading that uses every part consistently wins. An unknown part in parentheses or after
  « o » is an alternate name nobody listed and is set aside; two parts naming different
  municipios are not resolved.
- **A code and a name for the same place that disagree** («GT0206 Sanarate»): the name wins
  and a warning says so. Published tables carry wrong codes (COD-AB of OCHA gives 0206 to
  Sanarate and 0207 to Sansare, the reverse of INE), while a wrong name is rare and is
  caught by the rules above.
- **Spelling mistakes** are accepted only when one municipio is within one edit (two in a
  long name) and no other name is nearly as close; otherwise the value is refused with a
  suggestion, and a suggestion names one place, or two when they are equally close, never
  a place that shares less of the text than another.

Callers read each distinct value once; every look-up is a dict built once per process.
"""
import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from analysis.fields import reference
from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.text import normalize

ALIAS_FILE = reference.DATA / "alias_lugares.csv"

_ARTICLES = {"el", "la", "los", "las"}
_LINKS = {"de", "del", "y"}
# Saints open a name and are followed by the saint's own name («San Juan», «Santa Cruz»); these
# words open a name on their own (Santiago Atitlán, Concepción Tutuapa, Asunción Mita).
_SAINTS = {"san", "santa", "santo"}
_SAINTS_ALONE = {"santiago", "concepcion", "asuncion"}
# Common nouns that name no place when a rule leaves them alone («Ciudad» from Ciudad Vieja).
_GENERIC = {"ciudad", "villa", "puerto", "rio", "agua", "nuevo", "nueva", "pueblo", "union", "playa", "todos",
            "aldea", "caserio", "municipio", "departamento"} | _SAINTS | _ARTICLES | _LINKS
# Words that may precede a place name without changing it ("Depto. de Petén", "Mpio. Mixco").
_PLACE_PREFIXES = re.compile(r"^(?:departamento|depto|dpto|municipio|mpio|muni|mun)(?: (?:de|del))? ")
_DIGITS = re.compile(r"^\d+(?:[.,]0+)?$")
_PCODE = re.compile(r"^gt ?(\d{2})(?: ?(\d{2}))?$")
_CODE_AND_NAME = re.compile(r"^((?:gt ?)?\d{2,4}) (\D.*)$|^(\D.*?) ((?:gt ?)?\d{2,4})$")
_PCODE_RAW = re.compile(r"\bGT[\s\-_]?(\d{2})(?:[\s\-_]?(\d{2}))?\b", re.IGNORECASE)
_INVERTED_ARTICLE = re.compile(r"^(.+?)\s*,\s*(el|la|los|las)\s*$", re.IGNORECASE)
_ALTERNATES = re.compile(r"\s+[oó]\s+", re.IGNORECASE)
_PLACE_SEPARATORS = re.compile(r"\s*[,;/\\|]\s*|\s*[-–—]+\s*")
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]?")
_MAX_PARTS = 4
# Abbreviations common in administrative lists («Sta. Lucía», «Sn. Pedro», «Stgo. Atitlán»).
_ABBREVIATIONS = {"sta": "santa", "sto": "santo", "sn": "san", "stgo": "santiago", "fco": "francisco",
                  "pto": "puerto", "cd": "ciudad"}


@dataclass(frozen=True)
class Alias:
    alias: str
    codigo: int
    fuente: str


@dataclass(frozen=True)
class Reading:
    """What one cell names: a departamento, candidate municipios, or nothing.

    `municipios` holds one code, two for a name shared by two departamentos, or none;
    `alternativas` holds the places of a cell whose parts name different municipios;
    `aviso` explains a code set aside because the name beside it says otherwise.
    """

    departamento: int | None = None
    municipios: frozenset[int] = frozenset()
    alternativas: frozenset[int] = frozenset()
    aviso: str = ""

    @property
    def recognised(self) -> bool:
        return self.departamento is not None or bool(self.municipios)


@dataclass(frozen=True)
class Place:
    """The place of one row: names and INE codes, or the error that rejects the row."""

    departamento: str = SIN_ESPECIFICAR
    departamento_codigo: int | None = None
    municipio: str = ""
    municipio_codigo: int | None = None
    campo_error: str | None = None  # "departamento" or "municipio"
    error: str | None = None
    codigo_error: str | None = None  # the kind of error (analysis.ingest.problems)
    campo_aviso: str | None = None
    aviso: str | None = None


# ---------------------------------------------------------------- reference look-ups, built once

@cache
def aliases() -> tuple[Alias, ...]:
    """The alias table (alias, INE code, source): codes 1–22 are departamentos, ≥101 municipios."""
    with open(ALIAS_FILE, encoding="utf-8", newline="") as handle:
        return tuple(Alias(r["alias"].strip(), int(r["codigo"]), r["fuente"].strip()) for r in csv.DictReader(handle))


def _key(text: object) -> str:
    """Comparison key of cleaned text: `normalize` (accents, case, punctuation), «1406.0» as
    «1406», and the usual abbreviations written out («Sta. Cruz» as «santa cruz»)."""
    text = str(text).strip()
    if _DIGITS.match(text):
        text = re.split(r"[.,]", text)[0]
    words = normalize(text).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def _clean(raw: object) -> str:
    """Cell text without invisible characters, with «Asintal, El» as «El Asintal» and p-codes
    written in one piece («GT-14-06» as «GT1406»)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = " ".join("".join(ch for ch in str(raw) if unicodedata.category(ch) != "Cf").split())
    if match := _INVERTED_ARTICLE.match(text):
        text = f"{match[2]} {match[1]}"
    return _PCODE_RAW.sub(lambda m: "GT" + m[1] + (m[2] or ""), text)


@cache
def _municipios() -> dict[int, reference.Municipio]:
    return {m.codigo: m for m in reference.municipios()}


@cache
def _codes_of(departamento: int | None) -> frozenset[int]:
    return frozenset(code for code, m in _municipios().items()
                     if departamento is None or m.departamento_codigo == departamento)


@cache
def _departamento_keys() -> dict[str, int]:
    keys = {normalize(name): code for code, name in reference.departamentos().items()}
    for alias in aliases():
        if alias.codigo in reference.departamentos():
            keys.setdefault(normalize(alias.alias), alias.codigo)
    return keys


def _short_forms(name: str) -> set[str]:
    """Shorter ways of writing one municipio's name (see the module docstring)."""
    words = normalize(name).split()
    forms = set()
    if words[0] in _SAINTS and len(words) > 2:
        forms.add(" ".join(words[2:]))  # San José El Rodeo -> el rodeo
        forms.add(" ".join(words[:2]))  # San Bartolo Aguas Calientes -> san bartolo
    if words[0] in _SAINTS_ALONE and len(words) > 1:
        forms.add(" ".join(words[1:]))  # Santiago Atitlán -> atitlan
    for cut in (1, 2):  # a trailing qualifier of one or two words
        if len(words) > cut:
            forms.add(" ".join(words[:-cut]))
    if link := next((i for i, w in enumerate(words) if i and w in ("de", "del")), None):
        forms.add(" ".join(words[:link]))  # Palestina de los Altos -> palestina
    if words[0] in _ARTICLES and len(words) > 1:
        forms.add(" ".join(words[1:]))  # El Asintal -> asintal
    valid = set()
    for form in forms:
        parts = form.split()
        if not parts or parts[0] in _LINKS or parts[-1] in _LINKS | _ARTICLES | _SAINTS:
            continue
        if len(parts) == 1 and parts[0] in _GENERIC:
            continue
        valid.add(form)
    return valid


@cache
def _exact_keys() -> dict[str, frozenset[int]]:
    """Normalised INE names and municipio aliases -> municipio codes (two for six shared names)."""
    keys: dict[str, set[int]] = {}
    for m in reference.municipios():
        keys.setdefault(normalize(m.nombre), set()).add(m.codigo)
    for alias in aliases():
        if alias.codigo in _municipios():
            keys.setdefault(normalize(alias.alias), set()).add(alias.codigo)
    return {k: frozenset(v) for k, v in keys.items()}


@cache
def _short_keys() -> dict[str, frozenset[int]]:
    """Short form -> every municipio it could shorten (callers accept only one)."""
    keys: dict[str, set[int]] = {}
    departamentos = _departamento_keys()
    for m in reference.municipios():
        for form in _short_forms(m.nombre):
            if form not in departamentos:
                keys.setdefault(form, set()).add(m.codigo)
    return {k: frozenset(v) for k, v in keys.items()}


@cache
def _fuzzy_pool(departamento: int | None) -> tuple[list[str], list[frozenset[int]]]:
    """Keys a misspelling may be matched against, with their codes inside the departamento."""
    inside = _codes_of(departamento)
    pool: dict[str, frozenset[int]] = {}
    for table in (_short_keys(), _exact_keys()):
        for key, codes in table.items():
            if codes & inside:
                pool[key] = codes & inside
    return list(pool), list(pool.values())


# ---------------------------------------------------------------- one part of a cell

def _code(key: str) -> tuple[str, int] | None:
    """("departamento" | "municipio", INE code) for an INE code or an OCHA p-code."""
    if key.isdigit():
        number = int(key)
        if len(key) <= 2:
            return ("departamento", number) if number in reference.departamentos() else None
        return ("municipio", number) if len(key) <= 4 and number in _municipios() else None
    if match := _PCODE.match(key):
        if match[2] is None:
            number = int(match[1])
            return ("departamento", number) if number in reference.departamentos() else None
        number = int(match[1] + match[2])
        return ("municipio", number) if number in _municipios() else None
    return None


def _strip_prefix(key: str) -> str:
    return _PLACE_PREFIXES.sub("", key)


@lru_cache(maxsize=65536)
def _departamento_part(key: str) -> int | None:
    """The departamento a part names by code, name or alias (not by one of its municipios)."""
    code = _code(key)
    if code:
        return code[1] if code[0] == "departamento" else None
    keys = _departamento_keys()
    return keys.get(key) or keys.get(_strip_prefix(key))


@lru_cache(maxsize=65536)
def _municipio_part(key: str, departamento: int | None = None, fuzzy: bool = False) -> frozenset[int]:
    """Municipios one part may name, preferring those inside the known departamento.

    Outside the departamento only a full name or a code is returned (so the caller can
    say «pertenece a …»); a short form must fall inside it.
    """
    code = _code(key)
    if code:
        return frozenset({code[1]}) if code[0] == "municipio" else frozenset()
    inside = _codes_of(departamento)
    outside: frozenset[int] = frozenset()
    for candidate in dict.fromkeys((key, _strip_prefix(key))):
        exact = _exact_keys().get(candidate, frozenset())
        if exact & inside:
            return exact & inside
        outside = outside or exact
        short = _short_keys().get(candidate, frozenset()) & inside
        if len(short) == 1:
            return short
    if outside:
        return outside
    if found := _with_departamento(key, departamento) or _with_qualifier(key, departamento):
        return found
    if fuzzy and (match := _fuzzy_key(key, departamento)):
        return _municipio_part(match, departamento)
    return frozenset()


def _with_departamento(key: str, departamento: int | None) -> frozenset[int]:
    """«Pueblo Nuevo Suchitepéquez», «Sololá Panajachel»: a departamento before or after the name."""
    words = _strip_prefix(key).split()
    departamentos = _departamento_keys()
    for size in range(1, min(3, len(words) - 1) + 1):
        for named, rest in ((" ".join(words[-size:]), words[:-size]), (" ".join(words[:size]), words[size:])):
            code = departamentos.get(named)
            if code is None or (departamento is not None and code != departamento):
                continue
            found = _municipio_part(" ".join(rest), code) & _codes_of(code)
            if found:
                return found
    return frozenset()


@cache
def _qualifiers() -> frozenset[str]:
    """Trailing qualifiers that several INE names share («Costa Cuca», «Milpas Altas», «La Laguna»)."""
    names: dict[str, set[str]] = {}
    for name in {normalize(m.nombre) for m in reference.municipios()}:
        words = name.split()
        for size in (1, 2):
            head, tail = words[:-size], words[-size:]
            if any(w not in _ARTICLES | _LINKS for w in head) and tail[0] not in _LINKS and tail[-1] not in _ARTICLES:
                names.setdefault(" ".join(tail), set()).add(name)
    return frozenset(tail for tail, holders in names.items() if len(holders) > 1)


def _with_qualifier(key: str, departamento: int | None) -> frozenset[int]:
    """«Génova Costa Cuca»: one municipio's name with a regional qualifier INE does not write."""
    words = key.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in _qualifiers():
            found = _municipio_part(" ".join(words[:-size]), departamento)
            if len(found) == 1 and found <= _codes_of(departamento):
                return found
    return frozenset()


def _fuzzy_key(key: str, departamento: int | None) -> str | None:
    """The one known key a misspelt part is very close to, or None when that is not clear."""
    if len(key) < 5 or any(ch.isdigit() for ch in key):
        return None
    allowed = 1 if len(key) < 10 else 2
    keys, codes = _fuzzy_pool(departamento)
    matches = process.extract(key, keys, scorer=Levenshtein.distance, limit=8, score_cutoff=allowed + 1)
    if not matches or matches[0][1] > allowed:
        return None
    best_key, best, index = matches[0]
    if any(codes[i] != codes[index] and distance <= best + 1 for _, distance, i in matches[1:]):
        return None  # another place is nearly as close
    return best_key


# ---------------------------------------------------------------- a whole cell

def _parts(text: str) -> list[tuple[str, bool]]:
    """(key, may be set aside) for each part: bracketed parts and «o» alternates may be."""
    parts: list[tuple[str, bool]] = []
    for inner in _BRACKETS.findall(text):
        parts.extend((p, True) for p in _PLACE_SEPARATORS.split(inner))
    outside = _BRACKETS.sub(" , ", text)
    for segment in _PLACE_SEPARATORS.split(outside):
        alternates = _ALTERNATES.split(segment)
        parts.extend((a, len(alternates) > 1) for a in alternates)
    keys = []
    for part, optional in parts:
        key = _key(part)
        if not key:
            continue
        if match := _CODE_AND_NAME.match(key):  # «0206 Sansare», «Sansare GT0206»
            keys.extend([((match[1] or match[4]), False), ((match[2] or match[3]), False)])
        else:
            keys.append((key, optional))
    return keys


def _describe_code(code: int) -> str:
    if code in _municipios():
        return _municipios()[code].nombre
    return reference.departamentos()[code]


def _combine(parts: list[tuple[str, bool]], departamento: int | None, fuzzy: bool, prefer: str) -> Reading | None:
    """The one consistent reading of several parts, by what each part is (see the docstring)."""
    if not 1 < len(parts) <= _MAX_PARTS:
        return None
    info = []
    for key, optional in parts:
        code, dep = _code(key), _departamento_part(key)
        # Only an unknown part may be set aside: a known one must fit the reading.
        optional = optional and dep is None and not _municipio_part(key, departamento, fuzzy)
        info.append((key, optional, code, dep))
    choices = {departamento} if departamento is not None else (
        {d for *_, d in info if d is not None} | {_municipios()[c[1]].departamento_codigo for *_, c, _ in info
                                                  if c and c[0] == "municipio"} | {None})
    outcomes: dict[tuple, tuple[int, int, str]] = {}
    for chosen in choices:
        options = []
        for key, optional, code, dep in info:
            roles = ["municipio"]
            if dep is not None and dep == chosen:
                roles.append("departamento")
            if optional:
                roles.append("skip")
            if code:
                roles.append("overruled")
            options.append(roles)
        for roles in product(*options):
            reading = _evaluate(info, roles, chosen, fuzzy)
            if reading is None:
                continue
            used = sum(r != "skip" for r in roles)
            overruled = sum(r == "overruled" for r in roles)
            rank = (used, -overruled)
            outcome = (reading.departamento, reading.municipios)
            if outcome not in outcomes or rank > outcomes[outcome][:2]:
                outcomes[outcome] = (*rank, reading.aviso)
    if not outcomes:
        named = {next(iter(found)) for key, _, _, dep in info if dep is None
                 and len(found := _municipio_part(key, departamento, fuzzy) & _codes_of(departamento)) == 1}
        deps = {dep for *_, dep in info if dep is not None}
        if len(named) == 1 and len(deps) == 1 and departamento is None:
            return Reading(deps.pop(), frozenset(named))  # «Mixco, Sololá»: a municipio of another departamento
        return Reading(alternativas=frozenset(named)) if len(named) > 1 else None
    best = max(rank[:2] for rank in outcomes.values())
    winners = [(outcome, rank[2]) for outcome, rank in outcomes.items() if rank[:2] == best]
    if len(winners) > 1 and len({dep for (dep, _), _ in winners}) == 1:
        # «Guatemala (ciudad)»: the same departamento with or without its municipio; the column decides.
        chosen = [w for w in winners if bool(w[0][1]) == (prefer == "municipio")]
        winners = chosen if len(chosen) == 1 else winners
    if len(winners) == 1:
        (dep, muns), aviso = winners[0]
        return Reading(dep, muns, aviso=aviso)
    if all(muns for (_, muns), _ in winners):
        return Reading(alternativas=frozenset().union(*(muns for (_, muns), _ in winners)))
    return None


def _evaluate(info, roles, chosen: int | None, fuzzy: bool) -> Reading | None:
    """The reading given by one role per part, or None when the roles do not fit together."""
    inside = _codes_of(chosen)
    names: list[frozenset[int]] = []
    codes: list[frozenset[int]] = []
    overruled, named = [], []
    has_departamento = False
    for (key, _, code, _), role in zip(info, roles):
        if role == "departamento":
            has_departamento = True
            if not code:
                named.append(key)
        elif role == "municipio":
            found = _municipio_part(key, chosen, fuzzy) & inside
            if not found:
                return None
            (codes if code else names).append(found)
            if not code:
                named.append(key)
        elif role == "overruled":
            overruled.append(code)
    municipios = frozenset.intersection(*(names + codes)) if names or codes else frozenset()
    if (names or codes) and not municipios:
        return None
    if overruled:
        # A code is set aside only when the name beside it places the row somewhere else.
        if not named:
            return None
        for kind, number in overruled:
            agrees = (number in municipios if kind == "municipio" else
                      chosen == number or any(_municipios()[m].departamento_codigo == number for m in municipios))
            if agrees:
                return None
    if not municipios and not has_departamento:
        return None
    departamento = chosen
    if departamento is None and municipios:
        owners = {_municipios()[m].departamento_codigo for m in municipios}
        departamento = owners.pop() if len(owners) == 1 else None
    aviso = ""
    if overruled:
        written = ", ".join(f"«{_code_text(kind, number)}» ({_describe_code(number)})" for kind, number in overruled)
        aviso = (f"El código {written} no corresponde al nombre escrito a su lado: se usa el nombre "
                 f"({_place_name(departamento, municipios)}).")
    return Reading(departamento, municipios, aviso=aviso)


def _code_text(kind: str, number: int) -> str:
    return f"{number:02d}" if kind == "departamento" else f"{number:04d}"


def _place_name(departamento: int | None, municipios: frozenset[int]) -> str:
    if len(municipios) == 1:
        m = _municipios()[next(iter(municipios))]
        return f"{m.nombre}, {reference.departamentos()[m.departamento_codigo]}"
    return reference.departamentos().get(departamento, "")


@lru_cache(maxsize=65536)
def read_place(raw: str, prefer: str = "municipio", departamento: int | None = None) -> Reading:
    """What one place cell names, read for what its parts are.

    `prefer` is the column the cell comes from: a whole cell that is both a departamento and a
    municipio name («Sololá») is read as that column says. `departamento` is the one already
    known from the row (its code), so short forms are looked for inside it.
    """
    text = _clean(raw)
    key = _key(text)
    if not key:
        return Reading()
    parts = _parts(text)
    for fuzzy in (False, True):
        if reading := _read_whole(key, prefer, departamento, fuzzy):
            return reading
        if len(parts) > 1 and (reading := _combine(parts, departamento, fuzzy, prefer)):
            return reading
    return Reading()


def _read_whole(key: str, prefer: str, departamento: int | None, fuzzy: bool) -> Reading | None:
    dep = _departamento_part(key)
    if prefer == "departamento" and dep is not None:
        return Reading(dep)
    if prefer == "departamento" and fuzzy:
        return None  # a misspelt departamento is suggested, never guessed
    found = _municipio_part(key, departamento, fuzzy)
    if found:
        owners = {_municipios()[m].departamento_codigo for m in found}
        return Reading(owners.pop() if len(owners) == 1 else None, found)
    if dep is not None and not key.isdigit():
        return Reading(dep)  # a departamento written in the municipio column places the row there
    return None


# ---------------------------------------------------------------- public recognisers

def recognise_departamento(raw: object) -> str | None:
    """Department name from its name, an alias, an INE code ("5", "05") or a p-code ("GT05").

    Only a departamento: a municipio, a misspelling or two places in one cell give None
    (sheet names and heading rows are read with this, so it must not guess).
    """
    code = _departamento_part(_key(_clean(raw)))
    return reference.departamentos()[code] if code is not None else None


def recognise_municipio(raw: object, departamento: str | int | None = None) -> tuple[reference.Municipio, ...]:
    """Municipios a cell may mean: one, two (a name shared by two departamentos) or none.

    With a departamento (name or code) short forms are looked for inside it; a full name of
    a municipio elsewhere is still returned, so the caller can say where it belongs.
    """
    if isinstance(departamento, str):
        departamento = _departamento_part(_key(departamento))
    reading = read_place(_clean(raw), "municipio", departamento)
    return tuple(_municipios()[c] for c in sorted(reading.municipios))


def _owners(codes) -> str:
    return _join(reference.departamentos()[_municipios()[c].departamento_codigo] for c in codes)


def _join(names) -> str:
    """«Escuintla y Petén», «Huehuetenango, Quiché y Sololá»."""
    names = sorted(set(names))
    return " y ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " y " + names[-1]


def _or(names: list[str]) -> str:
    quoted = [f"«{n}»" for n in names]
    return " o ".join(quoted) if len(quoted) < 3 else ", ".join(quoted[:-1]) + " o " + quoted[-1]


def resolve_place(dep_text: str, mun_text: str) -> Place:
    """Departamento and municipio of a row from its two cells (either may hold both places)."""
    deptos = reference.departamentos()
    first = read_place(dep_text, "departamento") if dep_text else Reading()
    if dep_text and not first.recognised:
        hint = _hint(dep_text, first, kind="departamento")
        return Place(campo_error="departamento", error=f"Departamento no reconocido: «{dep_text}».{hint}",
                     codigo_error="departamento-no-reconocido")
    known = first.departamento
    second = read_place(mun_text, "municipio", known) if mun_text else Reading()
    if mun_text and not second.recognised:
        elsewhere = read_place(mun_text, "municipio") if known is not None and not second.alternativas else second
        if elsewhere.municipios:
            names = _join(_municipios()[c].nombre for c in elsewhere.municipios)
            return Place(campo_error="municipio", error=f"El municipio «{names}» pertenece a "
                                                        f"{_owners(elsewhere.municipios)}, no a {deptos[known]}.",
                         codigo_error="municipio-de-otro-departamento")
        return Place(campo_error="municipio",
                     error=f"Municipio no reconocido: «{mun_text}».{_hint(mun_text, second, known)}",
                     codigo_error="municipio-no-reconocido")
    for reading, field in ((first, "departamento"), (second, "municipio")):
        if reading.departamento is not None and reading.municipios and not (
                reading.municipios & _codes_of(reading.departamento)):
            names = _join(_municipios()[c].nombre for c in reading.municipios)
            return Place(campo_error=field, error=f"El municipio «{names}» pertenece a {_owners(reading.municipios)}, "
                                                  f"no a {deptos[reading.departamento]}.",
                         codigo_error="municipio-de-otro-departamento")
    municipios = second.municipios or first.municipios
    if first.municipios and second.municipios:
        municipios = first.municipios & second.municipios
        if not municipios:
            return Place(campo_error="municipio", error=f"El municipio «{mun_text}» no coincide con «{dep_text}».",
                         codigo_error="lugares-contradictorios")
    if known is not None and municipios and not municipios & _codes_of(known):
        names = _join(_municipios()[c].nombre for c in municipios)
        return Place(campo_error="municipio",
                     error=f"El municipio «{names}» pertenece a {_owners(municipios)}, no a {deptos[known]}.",
                     codigo_error="municipio-de-otro-departamento")
    if known is not None and not municipios and second.departamento not in (None, known):
        return Place(campo_error="municipio", error=f"«{mun_text}» nombra el departamento "
                                                    f"{deptos[second.departamento]}, no {deptos[known]}.",
                     codigo_error="lugares-contradictorios")
    if known is not None:
        municipios &= _codes_of(known)
    field, aviso = next(((f, r.aviso) for r, f in ((first, "departamento"), (second, "municipio")) if r.aviso),
                        (None, None))
    if len(municipios) > 1:
        where, written = ("municipio", mun_text) if mun_text else ("departamento", dep_text)
        return Place(campo_error=where,
                     error=f"El municipio «{written}» existe en {_owners(municipios)}: indique el departamento.",
                     codigo_error="municipio-ambiguo")
    if municipios:
        m = _municipios()[next(iter(municipios))]
        return Place(deptos[m.departamento_codigo], m.departamento_codigo, m.nombre, m.codigo,
                     campo_aviso=field, aviso=aviso)
    code = known if known is not None else second.departamento
    if code is None:
        return Place(campo_aviso=field, aviso=aviso)
    return Place(deptos[code], code, campo_aviso=field, aviso=aviso)


# ---------------------------------------------------------------- suggestions

@cache
def _token_weights() -> tuple[dict[str, float], float]:
    """Rarer words weigh more: «Cuca» says more about a place than «San»."""
    counts: dict[str, int] = {}
    for m in reference.municipios():
        for token in set(normalize(m.nombre).split()):
            counts[token] = counts.get(token, 0) + 1
    total = len(reference.municipios())
    return {t: math.log(1 + total / c) for t, c in counts.items()}, math.log(1 + total)


def _similarity(text: str, candidate: str) -> float:
    """0–1: how much of the candidate the text names, and how little else it says."""
    weights, unknown = _token_weights()
    text_tokens = [t for t in text.split() if t not in _LINKS]
    cand_tokens = [t for t in candidate.split() if t not in _LINKS]
    if not text_tokens or not cand_tokens:
        return 0.0
    def sim(a: str, b: str) -> float:
        ratio = fuzz.ratio(a, b) / 100
        return ratio if ratio >= 0.8 else 0.0
    cand_weight = sum(weights.get(c, unknown) for c in cand_tokens)
    matched = sum(weights.get(c, unknown) * max(sim(c, t) for t in text_tokens) for c in cand_tokens)
    left = sum(weights.get(t, unknown) for t in text_tokens if not any(sim(t, c) for c in cand_tokens))
    tokens = (matched / cand_weight + matched / (cand_weight + left)) / 2
    return max(tokens, fuzz.ratio(text, candidate) / 100)


@cache
def _suggestion_keys(kind: str) -> tuple[list[str], list[frozenset[int]]]:
    """Keys a rejected value is scored against (names, aliases, short forms) and their codes."""
    if kind == "departamento":
        table = {k: frozenset({c}) for k, c in _departamento_keys().items()}
    else:
        table = dict(_short_keys())
        for key, codes in _exact_keys().items():
            table[key] = table.get(key, frozenset()) | codes
    return list(table), list(table.values())


_SUGGEST_MIN = 0.6
_SUGGEST_MARGIN = 0.08


@lru_cache(maxsize=4096)
def _suggest(text: str, kind: str, departamento: int | None = None) -> tuple[tuple[int, ...], float]:
    """One code, two equally close codes, or none (inside the departamento, when known), and
    the best score."""
    keys, codes = _suggestion_keys(kind)
    pool = _codes_of(departamento) if kind == "municipio" else frozenset(reference.departamentos())
    best: dict[int, float] = {}
    # A fast first pass keeps the few keys worth the finer, word-weighted score.
    for key, _, index in process.extract(text, keys, scorer=fuzz.WRatio, limit=40, score_cutoff=50):
        score = _similarity(text, key)
        for code in codes[index] & pool:
            best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < _SUGGEST_MIN:
        return (), 0.0
    close = tuple(code for code, score in ranked if score >= ranked[0][1] - _SUGGEST_MARGIN)
    return (close if len(close) <= 2 else ()), ranked[0][1]


def suggest_municipios(raw: str, departamento: str | int | None = None) -> list[str]:
    """Names of the municipio (or two) a rejected value most likely means, inside its departamento."""
    if isinstance(departamento, str):
        departamento = _departamento_part(_key(departamento))
    codes, _ = _suggest(_key(_clean(raw)), "municipio", departamento)
    return [_municipio_label(c, departamento) for c in codes]


def suggest_departamentos(raw: str) -> list[str]:
    """Names of the departamento (or two) a rejected value most likely means."""
    codes, _ = _suggest(_key(_clean(raw)), "departamento")
    return [reference.departamentos()[c] for c in codes]


def _municipio_label(code: int, departamento: int | None) -> str:
    m = _municipios()[code]
    shared = len(_exact_keys()[normalize(m.nombre)]) > 1
    return f"{m.nombre} ({reference.departamentos()[m.departamento_codigo]})" if shared and departamento is None \
        else m.nombre


def _hint(raw: str, reading: Reading, departamento: int | None = None, kind: str | None = None) -> str:
    """« ¿Quiso decir «A»?», « ¿Quiso decir «A» o «B»?», or what an ambiguous short form may be."""
    if reading.alternativas:
        names = [_municipio_label(c, departamento) for c in sorted(reading.alternativas)]
        return f" Nombra lugares distintos: ¿{_or(names)}?"
    key = _key(_clean(raw))
    ambiguous = _short_keys().get(key, frozenset()) & _codes_of(departamento)
    if kind != "departamento" and 1 < len(ambiguous) <= 4:
        names = [f"{_municipios()[c].nombre} ({reference.departamentos()[_municipios()[c].departamento_codigo]})"
                 for c in sorted(ambiguous)]
        return f" Puede ser {_or(names)}: indique el departamento o el nombre completo."
    # Either column may name either place: the closer kind of name is offered.
    deps, dep_score = _suggest(key, "departamento")
    muns, mun_score = _suggest(key, "municipio", departamento)
    if departamento is None and (dep_score > mun_score or (dep_score == mun_score and kind == "departamento")):
        names = [reference.departamentos()[c] for c in deps]
    else:
        names = [_municipio_label(c, departamento) for c in muns]
    return f" ¿Quiso decir {_or(names)}?" if names else ""

