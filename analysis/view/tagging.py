"""Each need's themes and why it got each one: the dictionary's words, the model's confidence, an analyst's word.

Two readers tag a description. The dictionary (`analysis.view.themes`) gives a theme when its words are
there, and says which words. The model (`analysis.view.theme_model`) adds a theme the dictionary missed
when its calibrated confidence reaches `THRESHOLD`, and gives a description the dictionary found nothing
in its most likely theme when that reaches `FALLBACK`; it never gives a theme whose exclusion the
dictionary found («renta de vivienda» is not extortion). Analysts' corrections (`apply_corrections`) win
over both. Every theme a need has comes with its reason, kept as one line per theme in `razones`:
«Extorsión	palabras	extorsion pilotos» or «Extorsión	modelo	0.82».
"""
import gc
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Store modules are imported through their package: a thread importing `analysis.store.<module>` would hold that
# module's import lock while the package's façade imports the database module, which another thread (the server's
# warm-up) may be importing while it waits for the first one: Python breaks that deadlock with an ImportError.
from analysis.store import theme_corrections
from analysis.view import theme_model, themes

# Chosen out of fold on the training statements (benchmarks/bench_theme_quality.py --grid): beside a theme the
# dictionary gave, the model's extra themes cost more precision than they bring recall unless it is very sure.
# For a description the dictionary found nothing in, a guess right with probability p raises F1 when p > F1 / 2
# (about 0.36 here), but the likeliest of 32 themes is the maximum of 32 noisy estimates and reads higher than
# it is: an even chance is asked of it.
THRESHOLD = 0.95  # calibrated confidence from which the model adds a theme next to the dictionary's
FALLBACK = 0.5  # … and from which it names the likeliest theme of a description the dictionary found nothing in
WORDS, MODEL, ADDED, REMOVED = "palabras", "modelo", "agregado", "quitado"
_FIELD, _LINE = "\t", "\n"


@dataclass(frozen=True)
class Reason:
    """Why a need has (or, when removed by an analyst, no longer has) a theme."""

    tema: str
    kind: str  # WORDS, MODEL, ADDED or REMOVED
    detail: str  # the matched words (normalised, space-separated), the confidence, or «usuario fecha»


def encode(reasons: list[Reason]) -> str:
    return _LINE.join(_FIELD.join((r.tema, r.kind, r.detail)) for r in reasons)


def decode(text: str) -> list[Reason]:
    return [Reason(*line.split(_FIELD, 2)) for line in str(text or "").split(_LINE) if line]


@dataclass(frozen=True)
class Tagged:
    """Theme flags (one boolean column per theme) and reasons (one encoded string per need), aligned."""

    flags: pd.DataFrame
    razones: pd.Series


@contextmanager
def _collection_paused():
    """Tagging 100,000 descriptions allocates millions of small objects that all live until it ends, and the
    cyclic garbage collector would walk every live object of the process again and again meanwhile (about 40 %
    of the time, measured). None of them forms a cycle: collection waits until the end (and a caller that had
    it off keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def tag(texts: pd.Series, examples: tuple[theme_model.Example, ...] | None = None) -> Tagged:
    """The themes of normalised descriptions by both readers (each distinct text read once).

    `examples` is the model's training set (the shipped one when None).
    """
    with _collection_paused():
        return _tag(texts, theme_model.shipped_examples() if examples is None else examples)


def _tag(texts: pd.Series, examples: tuple[theme_model.Example, ...]) -> Tagged:
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    names = themes.theme_names()
    confidence = theme_model.confidences(pd.Series(distinct, dtype=str), examples, names)
    read = readings(distinct, themes.find(distinct), confidence)
    values = np.zeros((len(distinct), len(names)), dtype=bool)
    for row, given in enumerate(read):
        values[row, [names.index(r.tema) for r in given]] = True
    reasons = np.array([encode(given) for given in read], dtype=object)
    return Tagged(pd.DataFrame(values[codes], index=texts.index, columns=list(names)),
                  pd.Series(reasons[codes] if len(codes) else [], index=texts.index, dtype=object).astype(str))


def readings(texts, found: list[themes.Found], confidence: np.ndarray, threshold: float = THRESHOLD,
             fallback: float = FALLBACK) -> list[list[Reason]]:
    """The reasons of each text's themes, given what the dictionary found and the model's confidences."""
    names = themes.theme_names()
    given = np.zeros(confidence.shape, dtype=bool)  # by the dictionary, or closed to the model by an exclusion
    for row, match in enumerate(found):
        given[row, list(match.themes) + list(match.excluded)] = True
    allowed = np.where(given, 0.0, confidence)
    proposed = allowed >= threshold
    if len(allowed):
        guess = np.array([not match.themes for match in found]) & ~proposed.any(axis=1) & \
            (allowed.max(axis=1, initial=0.0) >= fallback)
        proposed[guess, allowed[guess].argmax(axis=1)] = True
    result = []
    for match, text in zip(found, texts):
        tokens = str(text).split() if match.themes else []
        result.append([Reason(names[k], WORDS, " ".join(tokens[i] for i in positions))
                       for k, positions in match.themes.items()])
    for row, k in zip(*np.nonzero(proposed)):
        result[row].append(Reason(names[k], MODEL, f"{confidence[row, k]:.2f}"))
    return result


def apply_corrections(tagged: Tagged, needs: pd.DataFrame, corrections: pd.DataFrame | None) -> Tagged:
    """The tags with the analysts' corrections applied: the latest correction of a need (departamento, municipio,
    normalised text `clave`) and theme wins over both readers, and becomes that theme's reason."""
    if corrections is None or corrections.empty or needs.empty:
        return tagged
    names = set(tagged.flags.columns)
    holding = theme_corrections.latest(corrections)
    holding = holding[holding["tema"].isin(names)]
    keys = pd.DataFrame({"departamento": needs["departamento"].astype(str), "municipio": needs["municipio"].astype(str),
                         "clave": needs["clave"].astype(str)}, index=needs.index)
    hits = keys.reset_index(names="_fila").merge(holding, on=list(theme_corrections.KEY))
    if hits.empty:
        return tagged
    flags, razones = tagged.flags.copy(), tagged.razones.copy()
    for row, group in hits.groupby("_fila", sort=False):
        corrected = {c.tema: c for c in group.itertuples()}
        kept = [r for r in decode(razones.at[row]) if r.tema not in corrected]
        for tema, c in corrected.items():
            flags.at[row, tema] = c.accion == theme_corrections.ADD
            when = pd.Timestamp(c.fecha).strftime("%d/%m/%Y")
            kept.append(Reason(tema, ADDED if c.accion == theme_corrections.ADD else REMOVED, f"{c.usuario} {when}"))
        razones.at[row] = encode(kept)
    return Tagged(flags, razones)
