"""What each column of a table's header says, beyond «this column is the departamento».

Workshops, survey tools and forms put more in a header than a field name:

- a **field** («Departamento», «DEPTO.», «Need»), as `analysis.layouts.columns` maps it;
- a field **in a repeated group**: «Necesidad 1 | Ámbito 1 | Necesidad 2 | Ámbito 2», «Prioridad [Seguridad
  Interior]», «Necesidad principal en Seguridad Exterior»: the group is a number or a value of a list field,
  and a group named by a value sets that field for its needs;
- a **value** of a field: «Seguridad Interior», «SI», «COCODE», «Cobán» as a header means the column holds
  needs of that value (a matrix by ámbito, by nivel, by place) or marks that give a row that value (an «X»
  under «SI», Kobo's 0/1 columns «Ámbito/Seguridad Interior»);
- **metadata** of a survey tool (KoboToolbox, ODK, Google Forms): `_id`, `_uuid`, `start`, `deviceid`,
  `SubmissionDate`, `meta-instanceID`…, read as nobody's need;
- nothing known.

Group paths of survey exports («datos_generales/departamento», «Ubicación/Municipio», ODK's
«grupo-municipio») are read by their last segment when the whole header says nothing.
"""
import re
from dataclasses import dataclass

from analysis import fields
from analysis.fields.places import recognise_departamento, recognise_municipio
from analysis.fields.values import recognise, words_of
from analysis.layouts.columns import MIN_CONFIDENCE, score_header
from analysis.text import clean_cell, normalize

FIELD, VALUE, META, NONE = "campo", "valor", "metadato", "ninguno"

# Columns a survey tool adds to every export (KoboToolbox, ODK Central and Briefcase, Google and Microsoft
# Forms), compared normalised; a header starting with «_» is a Kobo system column too.
META_COLUMNS = {
    "deviceid", "subscriberid", "simserial", "phonenumber", "instanceid", "submission time", "validation status",
    "submitted by", "parent index", "parent table name", "submissiondate", "submission date", "parent key",
    "meta instanceid", "meta instancename", "meta instance id", "submitterid", "submittername", "submitter id",
    "submitter name", "attachmentspresent", "attachmentsexpected", "attachments present", "attachments expected",
    "reviewstate", "review state", "formversion", "form version", "hora de inicio", "hora de finalizacion",
    "hora de la ultima modificacion", "start time", "completion time", "last modified time",
    "direccion de correo electronico",
}
# Names a survey tool gives its own columns that mean something else in a workshop's table («Status» is the
# estado of a need): read as metadata only beside two or more columns of META_COLUMNS.
SURVEY_COLUMNS = {"start", "end", "username", "audit", "id", "uuid", "status", "notes", "version", "tags",
                  "index", "key", "edits", "inicio", "fin", "nombre", "correo electronico", "email", "puntuacion",
                  "score"}
# The list and place fields whose values can stand as headers.
VALUE_FIELDS = (*(f.key for f in fields.controlled_fields()), "departamento", "municipio")
_TRAILING_NUMBER = re.compile(r"^(.*?\D)[\s._#-]*(?:n[o°º]\.?\s*)?(\d{1,2})$")
_BRACKETED = re.compile(r"^(.*?)\s*[\[(](.+?)[\])]\s*$")
_PATH = re.compile(r"\s*[/>]\s*|(?<=[a-z0-9_])-(?=[a-z_])")
# Words that join a field word to the value that groups it: «Necesidad principal en Seguridad Interior».
_JOINERS = {"en", "de", "del", "para", "principal", "principales", "identificada", "identificadas", "identificado",
            "identificados", "priorizada", "priorizadas", "la", "el", "los", "las", "a", "por", "ambito", "mesa",
            "nivel"}


@dataclass(frozen=True)
class Role:
    """What one header cell says: see the module's docstring for the kinds."""

    kind: str  # FIELD, VALUE, META or NONE
    field: str | None = None  # FIELD: the field the column feeds; VALUE: the field whose value the header names
    value: str | None = None  # VALUE: the canonical value; FIELD: the value its group names, if any
    group: str | None = None  # FIELD in a repeated group: the group's key («1», «Seguridad Interior»)
    confidence: float = 1.0
    value_field: str | None = None  # FIELD in a group named by a value: the field of that value («ambito»)

    @property
    def grouped(self) -> bool:
        return self.kind == FIELD and self.group is not None


NO_ROLE = Role(NONE, confidence=0.0)


def header_value(text: str, only: tuple[str, ...] = VALUE_FIELDS) -> tuple[str, str] | None:
    """(field, value) when a header is nothing but a value of a list or place field: «Seguridad Interior»,
    «SI», «Gestión de riesgos», «COCODE», «Petén», «Cobán». A phrase that says more is not a value."""
    key = normalize(text)
    if not key or len(key) > 60 or key.replace(" ", "").isdigit():  # a number heads counts, never a value
        return None
    for name in only:
        if name == "departamento":
            found = recognise_departamento(text)
        elif name == "municipio":
            named = recognise_municipio(text)
            found = named[0].nombre if len(named) == 1 else None
        else:
            found = recognise(fields.get(name), text)
        if found and _says_only(key, name, found):
            return name, found
    return None


def _says_only(key: str, name: str, value: str) -> bool:
    """Whether a header says nothing but the value: every word belongs to the value's own words."""
    field = fields.get(name)
    own = words_of(field, value) | {"de", "del", "la", "el", "y", "nivel", "seguridad", "mesa", "ambito", "prioridad", "estado"}
    words = key.split()
    if name in ("departamento", "municipio"):
        return True  # a place reader already refused what is not a place
    return bool(words) and all(w in own for w in words)


def _field_of(text: str) -> tuple[str, float] | None:
    scores = score_header(text)
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return best, scores[best]


def _grouped(text: str) -> Role | None:
    """A field in a repeated group: «Necesidad 2», «Prioridad [Seguridad Interior]», «Necesidad principal en
    Seguridad Exterior»."""
    for pattern in (_TRAILING_NUMBER, _BRACKETED):
        if (match := pattern.match(text)) and (found := _field_of(match[1])):
            group = match[2].strip()
            named = None if group.isdigit() else header_value(group, ("ambito", "nivel", "departamento", "municipio"))
            key = named[1] if named else normalize(group)
            return Role(FIELD, found[0], named[1] if named else None, key, found[1], named[0] if named else None)
    words = normalize(text).split()
    for cut in range(1, len(words)):
        found = _field_of(" ".join(words[:cut]))
        if not found:
            continue
        tail = " ".join(w for w in words[cut:] if w not in _JOINERS)
        named = header_value(tail, ("ambito", "nivel", "departamento", "municipio"))
        if named and named[0] != found[0] and _names_exactly(tail, *named):
            return Role(FIELD, found[0], named[1], named[1], found[1], named[0])
    return None


def _names_exactly(text: str, name: str, value: str) -> bool:
    """Whether words are a value's own name or short form («seguridad interior», «si»), not a phrase that merely
    contains one of its words («Esfera del Sistema Nacional de Seguridad» names no nivel)."""
    field = fields.get(name)
    own = {" ".join(w for w in normalize(v).split() if w not in _JOINERS)
           for v in (value, *field.abbreviations.get(value, ()))}
    return text in own or name in ("departamento", "municipio")


def role_of(header: str) -> Role:
    """The role of one header cell as written (see the module's docstring)."""
    text = clean_cell(header)
    key = normalize(text)
    if not key:
        return NO_ROLE
    if text.startswith("_") or key in META_COLUMNS:
        return Role(META)
    segments = [s for s in _PATH.split(text) if s.strip()]
    if len(segments) < 2:
        return _plain(text)
    *path, last = segments
    parent = _field_of(path[-1])
    if parent and parent[1] >= 0.9:  # a select-multiple detail column: «Ámbito/Seguridad Interior», «…/pnc»
        if parent[0] in VALUE_FIELDS and (named := header_value(last, (parent[0],))):
            return Role(VALUE, parent[0], named[1])
        if parent[0] == "institucion":  # several institutions ticked: each a 0/1 column
            return Role(VALUE, parent[0], _option(last))
    inner = _plain(last)
    if inner.kind != NONE:
        return inner
    return Role(META) if normalize(last) in META_COLUMNS else _plain(text)


def _option(text: str) -> str:
    """A choice name as an analyst writes it: «pnc» -> PNC, «policia_municipal» -> «Policia municipal»."""
    acronyms = {normalize(a): a for a in fields.get("institucion").acronyms}
    words = text.replace("_", " ").strip()
    return acronyms.get(normalize(words)) or words[:1].upper() + words[1:]


def _plain(text: str) -> Role:
    found = _field_of(text)
    if found and found[1] >= 0.99:
        return Role(FIELD, found[0], confidence=found[1])
    if grouped := _grouped(text):
        return grouped
    if named := header_value(text):
        return Role(VALUE, named[0], named[1])
    if found and found[1] >= MIN_CONFIDENCE:
        return Role(FIELD, found[0], confidence=found[1])
    return NO_ROLE


def role_words(role: Role) -> str:
    """How a column is read, in the preview's words, for the roles beyond a plain field ('' for those)."""
    if role.kind == META:
        return "dato de la herramienta de encuesta, no de la necesidad"
    if role.kind == VALUE:
        return f"{fields.label(role.field)} «{role.value}» (necesidades o marcas de ese valor)"
    if role.kind == FIELD and role.group is not None:
        group = f"de {role.value}" if role.value else f"del grupo «{role.group}»"
        return f"{fields.label(role.field)} {group}"
    return ""


def roles_of(headers: list[str], overrides: dict[str, str] | None = None) -> list[Role]:
    """The role of every header cell; an analyst's override (header -> field, "" to ignore) wins."""
    chosen = {normalize(h): f for h, f in (overrides or {}).items()}
    survey = sum(1 for h in headers if clean_cell(h).startswith("_") or normalize(h) in META_COLUMNS) >= 2
    roles = []
    for header in headers:
        key = normalize(header)
        if key in chosen:
            roles.append(Role(FIELD, chosen[key]) if chosen[key] else NO_ROLE)
        elif survey and key in SURVEY_COLUMNS:
            roles.append(Role(META))
        else:
            roles.append(role_of(header))
    return roles
