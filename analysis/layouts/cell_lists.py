"""Several needs written in one cell: numbered, lettered, bulleted, one per line or separated by semicolons.

A mesa often writes all its needs in one cell («1. Falta de patrullas 2. Alumbrado en el parque»). Stored as
one need, the workshop would count for one on every chart; each item becomes a need of its own, sharing the
row's other fields. A cell merely wrapped onto two lines is one need: its second line goes on with the first
(it starts in lower case, or the first ends on a word that needs more), and a number that counts something
(«3 agentes para 20 aldeas», «1.5 km») is no list marker: markers run 1, 2, 3… or a, b, c…
"""
import re
from dataclasses import dataclass

from analysis.text import clean_cell

NUMBERED, LETTERED, BULLETED, LINES, SEMICOLONS = ("numeradas", "con letras", "con viñetas", "una por línea",
                                                   "separadas por punto y coma")
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)°º-]\s*(?=[^\W\d_])")
_LETTER = re.compile(r"^\s*([a-zA-Z])\s*[).]\s+(?=\S)")
_BULLET = re.compile(r"^\s*[•·▪◦‣●○■□►▸✓✔\-–—*+]\s*(?=\S)")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s.;,]))(\d{1,2})\s*[.)]\s+(?=[^\W\d_])")
_INLINE_LETTER = re.compile(r"(?:^|(?<=[\s.;,]))([a-z])\)\s+(?=[^\W\d_])")
_INLINE_BULLET = re.compile(r"\s*[•·▪●►]\s*")
# A line ending on one of these words, or on a comma or hyphen, goes on in the next line.
_CONTINUES = {"de", "del", "la", "el", "los", "las", "y", "e", "o", "u", "en", "con", "por", "para", "a", "al", "que",
              "sin", "sobre", "entre", "su", "sus", "un", "una", "se", "no", "muy", "mas", "más", "ni", "como"}


@dataclass(frozen=True)
class Items:
    """The needs a cell lists, and how it lists them."""

    items: tuple[str, ...]
    style: str


def _tidy(item: str) -> str:
    return clean_cell(item).rstrip(" .;,:")


def _words(item: str) -> int:
    return len(item.split())


def _listed(items: list[str], style: str) -> Items | None:
    items = [t for t in map(_tidy, items) if t]
    return Items(tuple(items), style) if len(items) >= 2 and all(_words(t) >= 2 for t in items) else None


def _marked_lines(lines: list[str]) -> Items | None:
    """Lines that each open with a marker; a line without one goes on with the item before it."""
    for pattern, style, sequence in ((_NUMBER, NUMBERED, True), (_LETTER, LETTERED, True), (_BULLET, BULLETED, False)):
        marks = [pattern.match(line) for line in lines]
        if not marks[0] or sum(1 for m in marks if m) < 2:
            continue
        keys = [m[1].lower() for m in marks if m] if sequence else []
        if sequence and not _in_sequence(keys):
            continue
        items: list[str] = []
        for line, mark in zip(lines, marks):
            if mark:
                items.append(line[mark.end():])
            else:
                items[-1] += " " + line
        return _listed(items, style)
    return None


def _in_sequence(keys: list[str]) -> bool:
    """1, 2, 3… or a, b, c…, from 1 or a."""
    if keys[0].isdigit():
        return [int(k) for k in keys] == list(range(1, len(keys) + 1))
    return [ord(k) for k in keys] == list(range(ord("a"), ord("a") + len(keys)))


def _inline(text: str) -> Items | None:
    """Markers inside one line: «1. Falta de patrullas 2. Alumbrado…», «a) … b) …», «• … • …»."""
    for pattern, style in ((_INLINE_NUMBER, NUMBERED), (_INLINE_LETTER, LETTERED)):
        marks = list(pattern.finditer(text))
        if len(marks) >= 2 and marks[0].start() == len(text) - len(text.lstrip()) and \
                _in_sequence([m[1].lower() for m in marks]):
            cuts = [m.start() for m in marks] + [len(text)]
            return _listed([text[m.end():cut] for m, cut in zip(marks, cuts[1:])], style)
    if len(parts := [p for p in _INLINE_BULLET.split(text) if p.strip()]) >= 2 and _INLINE_BULLET.match(text):
        return _listed(parts, BULLETED)
    return None


def _separate_lines(lines: list[str]) -> Items | None:
    """Lines that each read as a need of its own: every one opens in capitals and none leaves a phrase open."""
    for line, following in zip(lines, lines[1:]):
        last = line.rstrip().rsplit(" ", 1)[-1].lower()
        if not following[:1].isupper() or line.rstrip().endswith((",", "-", "–")) or last in _CONTINUES:
            return None
    return _listed(lines, LINES) if lines[0][:1].isupper() else None


def _semicolons(text: str) -> Items | None:
    """«Robos a viviendas; Asaltos a buses»: parts that each open a need of their own, in capitals (or three and
    more). «Falta de coordinación entre PNC; juzgado y municipalidad» goes on in lower case: one need."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) < 2 or any(_words(p) > 20 for p in parts):
        return None
    if len(parts) == 2 and not parts[1][:1].isupper():
        return None
    return _listed(parts, SEMICOLONS)


_OPENS_MARKED = re.compile(r"\s*(?:\d{1,2}\s*[.)°º-]|[a-zA-Z]\s*[.)]|[•·▪◦‣●○■□►▸✓✔\-–—*+])")
_LIST_SIGNS = ("\n", "\r", ";", "•", "·", "▪", "●", "►")


def may_list(values) -> list[str]:
    """A cheap first look: the texts, among distinct values, that could list needs or open with a marker (a list
    inside one line always opens with its first marker); most cells cannot, and are not read further."""
    return [v for v in values if isinstance(v, str) and (_OPENS_MARKED.match(v) or any(s in v for s in _LIST_SIGNS))]


def without_marker(value):
    """A need written as the only item of a list («1. Falta de patrullas») without its marker."""
    if not isinstance(value, str):
        return value
    for pattern in (_NUMBER, _LETTER, _BULLET):
        if (mark := pattern.match(value)) and _words(value[mark.end():]) >= 2:
            return value[mark.end():].strip()
    return value


def split_items(value) -> Items | None:
    """The needs one cell lists, or None when it holds one need."""
    if not isinstance(value, str) or len(value) < 12:
        return None
    lines = [line.strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if len(lines) >= 2:
        return _marked_lines(lines) or _separate_lines(lines) or None
    text = lines[0] if lines else ""
    return _inline(text) or _semicolons(text)
