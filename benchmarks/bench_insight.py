"""Themes, recurring needs and possible new themes for 100,000 needs; tagging 100,000 distinct descriptions.

Run by hand (never in CI):  python benchmarks/bench_insight.py [--rows 100000] [--runs 3]

1. Builds 100,000 realistic descriptions: the synthetic sample's phrases and the labelled theme
   descriptions, varied the way workshops vary them (capitals, no accents, a slip of the keyboard,
   an opening such as «Se necesita atender:», a place at the end, two needs joined by «y»).
2. Times each step of the text index on them (normalise, themes, recurring-need groups, possible
   new themes) and the whole `build_text_index`, the work cached once per store revision.
3. Tags 100,000 distinct descriptions with both readers (the dictionary and the model, trained
   before), as a process does the first time (the matcher's caches empty), and times a baseline in
   the same run: scikit-learn counting the words of the same descriptions. The budget is 10 s on this
   2-core machine; the ratio to the baseline says the same on a machine busy with other work.
Theme quality is measured by benchmarks/bench_theme_quality.py.
"""
import argparse
import gc
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.fields import reference
from analysis.text import normalize_series  # noqa: E402
from analysis.view import (  # noqa: E402
    build_text_index,
    recurrence,
    tagging,
    theme_discovery,
    theme_model,
    themes,
    word_forms,  # noqa: E402
)
from data.generate_sample import NEEDS  # noqa: E402
from tests.theme_set import labelled  # noqa: E402

DISTINCT = 100_000
OPENINGS = ["", "", "", "Se necesita atender: ", "Problema: ", "Hay ", "Urgente: ", "Preocupa la "]


def _vary(rng: random.Random, text: str, places: list[str]) -> str:
    roll = rng.random()
    if roll < 0.15:
        text = text.upper()
    elif roll < 0.3:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if rng.random() < 0.1 and len(text) > 12:  # a slip of the keyboard: a letter dropped
        cut = rng.randrange(3, len(text) - 3)
        text = text[:cut] + text[cut + 1:]
    if rng.random() < 0.35:
        text += f" en {rng.choice(places)}"
    return rng.choice(OPENINGS) + text


def descriptions(rows: int, seed: int = 2017) -> pd.DataFrame:
    rng = random.Random(seed)
    phrases = [p for group in NEEDS.values() for p in group] + list(labelled()[0])
    places = [m.nombre for m in reference.municipios()]
    deptos = list(reference.departamentos().values())
    texts = []
    for _ in range(rows):
        text = _vary(rng, rng.choice(phrases), places)
        if rng.random() < 0.1:
            text += " y " + rng.choice(phrases).lower()
        texts.append(text)
    return pd.DataFrame({"necesidad": texts, "institucion": "PNC", "evento": "Taller",
                         "departamento": [rng.choice(deptos) for _ in range(rows)]})


def timed(label: str, work):
    start = time.perf_counter()
    result = work()
    print(f"  {label:<44} {time.perf_counter() - start:6.2f} s")
    return result


def distinct_descriptions(count: int = DISTINCT) -> pd.Series:
    """`count` distinct normalised descriptions made the way `descriptions` makes them."""
    found, rows = pd.Series(dtype=str), count
    while len(found) < count:
        rows *= 2
        found = normalize_series(descriptions(rows)["necesidad"]).drop_duplicates()
    return found.head(count).reset_index(drop=True)


def cold_tagging(texts: pd.Series) -> float:
    """Seconds to tag `texts` with both readers as a new process would (caches of words and shapes empty)."""
    themes._matcher.cache_clear()
    word_forms.lemma.cache_clear()
    gc.collect()  # what earlier runs left is not this run's work
    start = time.perf_counter()
    tagging.tag(texts)
    return time.perf_counter() - start


def baseline(texts: pd.Series) -> float:
    from sklearn.feature_extraction.text import CountVectorizer
    gc.collect()
    start = time.perf_counter()
    CountVectorizer().fit_transform(texts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    rows = options.rows
    needs = descriptions(rows)
    print(f"{rows:,} necesidades, {needs['necesidad'].nunique():,} descripciones distintas")
    clave = timed("normalizar", lambda: normalize_series(needs["necesidad"]))
    timed("entrenar el modelo (una vez por proceso)",
          lambda: theme_model.model(theme_model.shipped_examples(), themes.theme_names()))
    flags = timed("temas (diccionario y modelo)", lambda: tagging.tag(clave).flags)
    groups = timed("necesidades recurrentes", lambda: recurrence.recurrence_groups(clave))
    timed("posibles temas nuevos", lambda: theme_discovery.discover(clave, flags))
    timed("build_text_index (todo lo anterior y la búsqueda)", lambda: build_text_index(needs))
    print(f"  {groups.nunique():,} grupos; {int((~flags.any(axis=1)).sum()):,} necesidades sin tema")
    widespread = recurrence.recurring_needs(needs, groups).head(3)
    for _, row in widespread.iterrows():
        print(f"    «{row['necesidad']}»: {row['necesidades']:,} necesidades en {row['departamentos']} departamentos")

    texts = distinct_descriptions()
    tagged, base = [], []
    for _ in range(options.runs):  # alternated, so both see the same load of the machine
        base.append(baseline(texts))
        tagged.append(cold_tagging(texts))
    median_tagged, median_base = statistics.median(tagged), statistics.median(base)
    print(f"\n{len(texts):,} descripciones distintas, {options.runs} corridas")
    print(f"  temas con los dos lectores: {' · '.join(f'{t:.2f}' for t in tagged)} s (mediana {median_tagged:.2f} s, "
          f"presupuesto 10 s)")
    print(f"  base, contar sus palabras (scikit-learn): {' · '.join(f'{t:.2f}' for t in base)} s")
    print(f"  razón: {median_tagged / median_base:.1f} veces la base")


if __name__ == "__main__":
    main()
