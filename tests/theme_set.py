"""The hand-labelled need descriptions that check the theme dictionary, and how it is scored.

`analysis/data/temas_etiquetados.csv` holds Spanish need descriptions written for the tests the way
workshops write them (typos, no accents, capitals, slang, several themes, none), each with the
themes a reader gives it (names joined by «; », empty for none). The benchmark prints the same scores.
"""
import csv
from pathlib import Path

import pandas as pd

from analysis import DATA
from analysis.text import normalize_series
from analysis.view import themes

LABELLED = DATA / "temas_etiquetados.csv"


def labelled(path: Path = LABELLED) -> tuple[pd.Series, list[set[str]]]:
    """The descriptions of a labelled file and, for each, the set of its themes."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = pd.Series([r["descripcion"] for r in rows])
    return texts, [{t for t in r["temas"].split(themes.SEPARATOR) if t} for r in rows]


def predicted(texts: pd.Series) -> list[set[str]]:
    flags = themes.tag(normalize_series(texts))
    return [set(flags.columns[row]) for row in flags.to_numpy()]


def scores(gold: list[set[str]], found: list[set[str]]) -> tuple[pd.DataFrame, float]:
    """Per theme: [tema, etiquetadas, precision, exhaustividad, f1]; and the micro-averaged F1."""
    rows, totals = [], [0, 0, 0]
    for name in themes.theme_names():
        tp = sum(name in g and name in f for g, f in zip(gold, found))
        fp = sum(name not in g and name in f for g, f in zip(gold, found))
        fn = sum(name in g and name not in f for g, f in zip(gold, found))
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"tema": name, "etiquetadas": tp + fn, "precision": precision, "exhaustividad": recall, "f1": f1})
    tp, fp, fn = totals
    return pd.DataFrame(rows), 2 * tp / (2 * tp + fp + fn)
