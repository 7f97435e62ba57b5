"""Codes written into a need's own text: «[GRDC][COMUDE] Deslaves en la ruta…», «Robos en el mercado (SI)».

Some offices tag each need with the codes of its ámbito, nivel or priority instead of filling a column. A tag
is a group in brackets or parentheses at the start or the end of the text whose every part is exactly a value
of a list field: its name, one of its words in the catalogue or a short form («SI», «COMUDE», «Alta»). Such a
tag gives the need that field when the row says nothing of it, and leaves the text; anything else in brackets
(«(PNC)», «(aldea El Rosario)») is part of the need and stays.
"""
import re
from dataclasses import dataclass, field
from functools import cache

from analysis import fields
from analysis.fields.values import names_of, recognise
from analysis.layouts.shapes.base import Rows
from analysis.text import normalize

_LEADING = re.compile(r"^\s*[\[(]([^\[\]()]{1,40})[\])]\s*")
_TRAILING = re.compile(r"\s*[\[(]([^\[\]()]{1,40})[\])]\s*[.;]?\s*$")
_PARTS = re.compile(r"\s*[/,;|+]\s*|\s+-\s+")


@dataclass(frozen=True)
class Tagged:
    """A need's text without its tags, what they state, and the tags as written."""

    text: str
    values: dict[str, str]
    written: tuple[str, ...]


@cache
def _values() -> dict[str, tuple[str, str]]:
    """Each exact word that names a value of a list field, normalised -> (field, value)."""
    words: dict[str, set[tuple[str, str]]] = {}
    for spec in fields.controlled_fields():
        for value in spec.values:
            for name in names_of(spec, value):
                words.setdefault(name, set()).add((spec.key, value))
    return {name: next(iter(found)) for name, found in words.items() if len(found) == 1}  # no word of two fields


def _tag(group: str) -> dict[str, str] | None:
    """What one bracketed group states, when every part of it is a value («GRDC/COMUDE»); None otherwise."""
    stated: dict[str, str] = {}
    for part in _PARTS.split(group):
        found = _values().get(normalize(part)) if len(part.strip()) > 1 else None  # «(a)» opens a list item
        if found is None or found[0] in stated:
            return None
        stated[found[0]] = found[1]
    return stated or None


def read_tags(text: str) -> Tagged | None:
    """The tags at the start and the end of a need's text, or None when it carries none."""
    values: dict[str, str] = {}
    written: list[str] = []
    for pattern in (_LEADING, _TRAILING):
        while (mark := pattern.search(text)) and (stated := _tag(mark[1])) and not stated.keys() & values.keys():
            values.update(stated)
            written.append(mark[0].strip())
            text = text[:mark.start()] + text[mark.end():]
    text = text.strip()
    return Tagged(text, values, tuple(written)) if values and len(text.split()) >= 2 else None


@dataclass
class TagsRead:
    """What the tags of a table's needs gave, for the note that says so."""

    needs: int = 0
    fields: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)  # the first tags as written


def _may_tag(text) -> bool:
    """A cheap first look: only a text that opens or ends with a bracket can carry a tag."""
    return isinstance(text, str) and (text.lstrip()[:1] in ("[", "(") or text.rstrip(" .;").endswith(("]", ")")))


def apply_tags(rows: Rows) -> TagsRead:
    """Take the tags out of each need's text and give the need what they state where its row says nothing (in
    place). A tag that contradicts the row's own value stays in the text, for the analyst to see."""
    read = TagsRead()
    texts = rows.values["necesidad"]
    tagged = {t: found for t in set(texts) if _may_tag(t) and (found := read_tags(t))}
    for i, text in enumerate(texts):
        if (found := tagged.get(text)) is None:
            continue
        own = {name: rows.values[name][i] or rows.defaults.get(name, "") for name in found.values}
        if any(value and recognise(fields.get(name), str(value)) != found.values[name] for name, value in own.items()):
            continue
        for name, value in found.values.items():
            rows.values[name][i] = value
        texts[i] = found.text
        read.needs += 1
        read.fields |= found.values.keys()
        read.examples += [w for w in found.written if w not in read.examples][:3 - len(read.examples)]
    return read
