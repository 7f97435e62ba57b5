"""How right the themes are on real statements nobody here wrote: the dictionary alone and with the model.

Run by hand (never in CI):  python benchmarks/bench_theme_quality.py [--grid] [--errors]

Sets (analysis/data/, see analysis/data/enunciados_reales.md):
- entrenamiento (453 real statements): scored out of fold, five folds by source address, so a statement is
  read by a model that never saw any statement of its source (the dictionary did see them: it was
  written with them, so its figure here is optimistic);
- reservado (226 real statements, a third of the sources): never used to write the dictionary nor to
  train or tune the model; read by the model trained on everything shipped. This is the figure to expect;
- the hand-labelled workshop descriptions (429) and the 48 written after the first dictionary.

Per set: micro-averaged precision, recall and F1 over (statement, theme) pairs, and the share of the
statements that name a security problem (at least one theme) left without any theme.
`--grid` scores other THRESHOLD/FALLBACK values out of fold on entrenamiento only (how they were chosen).
"""
import argparse
import csv
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.text import normalize_series  # noqa: E402
from analysis.view import tagging, theme_model, themes  # noqa: E402
from tests.theme_set import labelled, scores  # noqa: E402

UNSEEN = ROOT / "benchmarks" / "data" / "temas_sin_ver.csv"
FOLDS = 5


def real(part: str) -> tuple[pd.Series, list[set[str]], np.ndarray]:
    """Normalised texts, themes and source addresses of one part of the real statements."""
    names = set(themes.theme_names())
    with theme_model.REAL_STATEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["conjunto"] == part]
    gold = [set(theme_model._split(r["temas"]) | (theme_model._split(r["tema_propuesto"]) & names)) for r in rows]
    return normalize_series(pd.Series([r["texto"] for r in rows])), gold, np.array([r["fuente_url"] for r in rows])


def figures(gold: list[set[str]], found: list[set[str]]) -> str:
    _, f1 = scores(gold, found)
    tp = sum(len(g & f) for g, f in zip(gold, found))
    fp = sum(len(f - g) for g, f in zip(gold, found))
    fn = sum(len(g - f) for g, f in zip(gold, found))
    named = [f for g, f in zip(gold, found) if g]
    none = sum(not f for f in named) / max(1, len(named))
    return f"F1 {f1:.3f}  precisión {tp / max(1, tp + fp):.3f}  exhaustividad {tp / max(1, tp + fn):.3f}  " \
           f"sin tema {100 * none:.1f} %"


def themes_of(read: list[list[tagging.Reason]]) -> list[set[str]]:
    return [{r.tema for r in given} for given in read]


def dictionary_only(texts: pd.Series, found: list[themes.Found]) -> list[set[str]]:
    return [{themes.theme_names()[k] for k in match.themes} for match in found]


def out_of_fold(texts: pd.Series, groups: np.ndarray) -> np.ndarray:
    """Model confidences of the entrenamiento statements, each from a model trained without its source's."""
    names = themes.theme_names()
    shipped = theme_model.shipped_examples()
    sources = sorted(set(groups))
    fold_of = {s: i % FOLDS for i, s in enumerate(sources)}
    folds = np.array([fold_of[g] for g in groups])
    confidence = np.zeros((len(texts), len(names)))
    for fold in range(FOLDS):
        held = set(texts[folds == fold])
        examples = tuple(e for e in shipped if e.text not in held)
        confidence[folds == fold] = theme_model.train(examples, names).confidences(list(texts[folds == fold]))
    return confidence


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--errors", action="store_true")
    options = parser.parse_args()
    names = themes.theme_names()

    texts, gold, groups = real(theme_model.TRAINING_PART)
    found = themes.find(texts)
    confidence = out_of_fold(texts, groups)
    print(f"entrenamiento ({len(texts)} enunciados reales, modelo fuera de pliegue)")
    print("  diccionario          ", figures(gold, dictionary_only(texts, found)))
    print("  diccionario y modelo ", figures(gold, themes_of(tagging.readings(texts, found, confidence))))
    if options.grid:
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 1.01):
            for fallback in (0.2, 0.3, 0.4, 0.5, 0.6, 1.01):
                read = tagging.readings(texts, found, confidence, threshold, fallback)
                print(f"    umbral {threshold:.2f} respaldo {fallback:.2f}  {figures(gold, themes_of(read))}")

    model = theme_model.model(theme_model.shipped_examples(), names)
    texts, gold, _ = real("reservado")
    found = themes.find(texts)
    confidence = model.confidences(list(texts))
    print(f"reservado ({len(texts)} enunciados reales nunca usados para ajustar nada)")
    print("  diccionario          ", figures(gold, dictionary_only(texts, found)))
    read = tagging.readings(texts, found, confidence)
    print("  diccionario y modelo ", figures(gold, themes_of(read)))
    if options.errors:
        for text, expected, given in zip(texts, gold, read):
            got = {r.tema for r in given}
            if got != expected:
                print(f"    «{text}»: falta {sorted(expected - got)}, sobra {sorted(got - expected)}")

    for label, path in (("etiquetado a mano", None), ("escrito después (sin ver)", UNSEEN)):
        raw, expected = labelled(path) if path else labelled()
        texts = normalize_series(raw)
        read = tagging.readings(texts, themes.find(texts), model.confidences(list(texts)))
        print(f"{label} ({len(texts)})  ", figures(expected, themes_of(read)))


if __name__ == "__main__":
    main()
