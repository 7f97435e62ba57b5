"""Mapping the headers of a field spreadsheet to the canonical fields.

Workshops word their headers freely ("Depto.", "Problemática identificada",
"Detalle de la necesidad planteada"). The synonyms of the field catalogue
(`data/campos.toml`) are the contract, readable by an analyst; headers nobody listed
still map when they contain a synonym's words or are a near-miss spelling of one. Each mapping carries a confidence, and the
caller can override any of it.
"""
from dataclasses import dataclass

from rapidfuzz import fuzz

from analysis import fields
from analysis.text import normalize

# Canonical field -> ways field teams have written its header (compared normalised), from the catalogue.
SYNONYMS: dict[str, tuple[str, ...]] = {f.key: f.synonyms for f in fields.all_fields().values() if f.synonyms}

# Fields stored for each need; `region` is recognised only to be ignored (it is derived).
FIELDS = tuple(f for f in SYNONYMS if f != "region")

FIELD_LABELS = {key: fields.label(key) for key in SYNONYMS}

_STOPWORDS = {"de", "la", "el", "los", "las", "del", "y", "o", "a", "en", "por", "donde", "que", "se", "al", "su"}
MIN_CONFIDENCE = 0.75


@dataclass(frozen=True)
class ColumnMatch:
    """One header's mapping: its position, the field it feeds and how sure we are (0–1)."""

    index: int
    header: str
    field: str
    confidence: float


def _tokens(text: str) -> list[str]:
    return [t for t in normalize(text).split() if t not in _STOPWORDS]


_SYNONYM_TOKENS = {field: [(" ".join(_tokens(s)), set(_tokens(s))) for s in syns] for field, syns in SYNONYMS.items()}
# Headers that give a field only when nothing better does («Marca temporal» for the date), at this confidence.
_WEAK = {" ".join(_tokens(s)): f.key for f in fields.all_fields().values() for s in f.weak_synonyms}
WEAK_CONFIDENCE = 0.8


def plain_header_keys() -> set[str]:
    """Every synonym as `normalize` writes it: a cell equal to one of these is plainly a field name."""
    return {normalize(s) for synonyms in SYNONYMS.values() for s in synonyms}


def score_header(header: str) -> dict[str, float]:
    """Confidence (0–1) that a header names each field; fields below MIN_CONFIDENCE omitted."""
    tokens = _tokens(header)
    if not tokens:
        return {}
    key, token_set = " ".join(tokens), set(tokens)
    scores = {_WEAK[key]: WEAK_CONFIDENCE} if key in _WEAK else {}
    for field, synonyms in _SYNONYM_TOKENS.items():
        best = 0.0
        for syn_key, syn_set in synonyms:
            if key == syn_key:
                best = 1.0
                break
            if syn_set <= token_set:
                # The header contains the synonym's words: the more of it they cover, the surer.
                best = max(best, 0.85 + 0.1 * len(syn_set) / len(token_set))
            elif len(key) >= 4:
                best = max(best, 0.9 * fuzz.ratio(key, syn_key) / 100)
        if best >= MIN_CONFIDENCE:
            scores[field] = max(scores.get(field, 0.0), round(best, 3))
    return scores


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> list[ColumnMatch]:
    """Assign each field to at most one header, most confident first.

    `overrides` maps a header (as written, compared normalised) to a field, or to ""
    to ignore that column; overridden headers get confidence 1.
    """
    overrides = {normalize(h): f for h, f in (overrides or {}).items()}
    candidates = []
    for index, header in enumerate(headers):
        key = normalize(header)
        if key in overrides:
            if overrides[key]:
                candidates.append((1.0 + 1e-6, index, overrides[key]))
            continue
        candidates.extend((score, index, field) for field, score in score_header(header).items())
    candidates.sort(key=lambda c: (-c[0], c[1]))
    taken_fields, taken_columns, matches = set(), set(), []
    for score, index, field in candidates:
        if field in taken_fields or index in taken_columns:
            continue
        taken_fields.add(field)
        taken_columns.add(index)
        matches.append(ColumnMatch(index, headers[index], field, min(score, 1.0)))
    return sorted(matches, key=lambda m: m.index)
