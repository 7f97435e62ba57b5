"""A second reader of the descriptions: a small statistical model for themes worded without the dictionary's words.

The dictionary (`analysis.view.themes`) is transparent but knows only the words it lists; real statements
tell extortion as «Q3 mil por bus cada semana» and deforestation as «los bosques desaparecen». This model
learns from labelled real statements which words and word pieces go with each theme:

- features: TF-IDF of the words' keys (`analysis.view.words.key`: stems, spelling-folded) and their pairs,
  and TF-IDF of the character 3- to 5-grams inside each word (so an unseen inflection or a typo still
  shares most of its pieces). Character n-grams are computed once per distinct word and summed per
  description, which gives the same counts as scikit-learn's `char_wb` analyser at a fraction of the cost;
- one ridge regression per theme (scored out of fold on the training statements it ranked themes better than
  a logistic regression, and trains in a fraction of the time), and one Platt sigmoid shared by all themes,
  fitted on out-of-fold scores, so that a «confianza 0.82» means about 82 of 100 such proposals are right.

It is trained on `training_examples()`: the hand-labelled workshop descriptions, the `entrenamiento` part of
the real public statements (never the `reservado` third, kept aside to measure) and the analysts'
corrections. Training takes a second or two and is deterministic, so the model is not stored: it is
trained at first use in a process and kept in memory for its training set (`model`); what it finds is
stored with the text index, computed once per data revision.
"""
import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import DATA
from analysis.store import theme_corrections
from analysis.text import normalize
from analysis.view import themes, words

HAND_LABELLED = DATA / "temas_etiquetados.csv"
REAL_STATEMENTS = DATA / "enunciados_reales.csv"
TRAINING_PART = "entrenamiento"  # the other part, «reservado», is never read here
ALPHA = 0.3  # ridge regularisation (chosen out of fold on the training part: 0.3, 1 and 3 tried)
FOLDS = 3  # folds of the out-of-fold scores the calibration is fitted on


@dataclass(frozen=True)
class Example:
    """One labelled description: its normalised text and the themes a reader gives it."""

    text: str
    themes: frozenset[str]


def _split(names: str) -> frozenset[str]:
    return frozenset(t.strip() for t in names.split(";") if t.strip())


@lru_cache(maxsize=1)
def shipped_examples() -> tuple[Example, ...]:
    """The labelled descriptions shipped with the dashboard that the model learns from."""
    with HAND_LABELLED.open(encoding="utf-8", newline="") as handle:
        examples = [Example(normalize(r["descripcion"]), _split(r["temas"])) for r in csv.DictReader(handle)]
    with REAL_STATEMENTS.open(encoding="utf-8", newline="") as handle:
        examples += [Example(normalize(r["texto"]), _split(r["temas"]) | _split(r["tema_propuesto"]))
                     for r in csv.DictReader(handle) if r["conjunto"] == TRAINING_PART]
    return tuple(examples)


def training_examples(corrections: pd.DataFrame | None = None) -> tuple[Example, ...]:
    """The shipped examples and, for every need an analyst corrected, its text with the themes it holds now
    (what the dictionary finds, with the latest corrections applied)."""
    shipped = shipped_examples()
    if corrections is None or corrections.empty:
        return shipped
    names = themes.theme_names()
    corrected = []
    for clave, group in theme_corrections.latest(corrections).groupby("clave", sort=True):
        found = {names[k] for k in themes.find([clave])[0].themes}
        added = set(group.loc[group["accion"] == theme_corrections.ADD, "tema"])
        corrected.append(Example(str(clave), frozenset((found | added) - (set(group["tema"]) - added))))
    return shipped + tuple(corrected)


def data_version() -> str:
    """Changes with the shipped training files (part of the text index's cache key)."""
    return hashlib.sha1(HAND_LABELLED.read_bytes() + REAL_STATEMENTS.read_bytes()).hexdigest()[:8]


def _keys(text: str) -> str:
    return " ".join(words.key(w) for w in text.split())


class _Features:
    """Word-key and in-word character n-gram TF-IDF, fitted on the training texts."""

    def __init__(self, texts: list[str]):
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
        self.word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, tokenizer=str.split, token_pattern=None,
                                    lowercase=False, dtype=np.float32).fit([_keys(t) for t in texts])
        self.pieces = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, dtype=np.float32)
        self.pieces.fit(sorted({w for t in texts for w in t.split()}))
        self.char = TfidfTransformer(sublinear_tf=True).fit(self._piece_counts(texts))

    def _piece_counts(self, texts: list[str]):
        """Character n-gram counts of each text: its word counts times each distinct word's n-gram counts."""
        from sklearn.feature_extraction.text import CountVectorizer
        tokens = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, dtype=np.float32)
        try:
            counts = tokens.fit_transform(texts)
        except ValueError:  # no word at all (empty descriptions)
            from scipy import sparse
            return sparse.csr_matrix((len(texts), len(self.pieces.vocabulary_)), dtype=np.float32)
        return (counts @ self.pieces.transform(tokens.get_feature_names_out())).tocsr()

    def transform(self, texts: list[str]):
        from scipy import sparse
        return sparse.hstack([self.word.transform([_keys(t) for t in texts]),
                              self.char.transform(self._piece_counts(texts))]).tocsr()


@dataclass(frozen=True)
class Model:
    """A trained model: features, one linear scorer per theme, and the shared calibration."""

    themes: tuple[str, ...]
    features: _Features
    weights: np.ndarray  # features × themes
    bias: np.ndarray  # per theme
    calibration: tuple[float, float]  # Platt: confidence = 1 / (1 + exp(-(a·score + b)))

    def confidences(self, texts) -> np.ndarray:
        """Calibrated confidence of every theme for each normalised text (texts × themes)."""
        texts = [str(t) for t in texts]
        if not texts or not len(self.themes):
            return np.zeros((len(texts), len(self.themes)))
        scores = np.asarray(self.features.transform(texts) @ self.weights) + self.bias
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-(a * scores + b)))


def _scorers(x, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One ridge regression per theme column of y, all solved at once in the dual: with a thousand examples and
    tens of thousands of features, (X·Xᵀ + αI)⁻¹ is a small dense system, so training takes milliseconds."""
    y = y.astype(float)
    mean = y.mean(axis=0)
    gram = (x @ x.T).toarray()
    dual = np.linalg.solve(gram + ALPHA * np.eye(gram.shape[0]), y - mean)
    return np.asarray(x.T @ dual), mean


def train(examples: tuple[Example, ...], theme_names: tuple[str, ...]) -> Model:
    """A model of `theme_names` learnt from `examples` (deterministic: the same examples give the same model).

    The examples are split in `FOLDS` folds; a scorer is fitted without each fold and scores it, the
    calibration is fitted on those out-of-fold scores, and the model's scorer is the average of the fold
    scorers: the very scorers the calibration was measured on (a scorer refitted on everything would be
    surer of itself than the calibration knows).
    """
    from sklearn.linear_model import LogisticRegression
    texts = [e.text for e in examples]
    y = np.array([[name in e.themes for name in theme_names] for e in examples], dtype=int).reshape(-1,
                                                                                                   len(theme_names))
    features = _Features(texts)
    x = features.transform(texts)
    out_of_fold = np.zeros(y.shape)
    weights, bias = np.zeros((x.shape[1], y.shape[1])), np.zeros(y.shape[1])
    folds = np.arange(len(texts)) % FOLDS
    for fold in range(FOLDS):
        fold_weights, fold_bias = _scorers(x[folds != fold], y[folds != fold])
        out_of_fold[folds == fold] = np.asarray(x[folds == fold] @ fold_weights) + fold_bias
        weights, bias = weights + fold_weights / FOLDS, bias + fold_bias / FOLDS
    platt = LogisticRegression(C=1e6).fit(out_of_fold.reshape(-1, 1), y.reshape(-1))
    return Model(theme_names, features, weights, bias, (float(platt.coef_[0, 0]), float(platt.intercept_[0])))


@lru_cache(maxsize=2)
def model(examples: tuple[Example, ...], theme_names: tuple[str, ...]) -> Model:
    """The model of a training set, trained once per process."""
    return train(examples, theme_names)


def confidences(texts: pd.Series, examples: tuple[Example, ...], theme_names: tuple[str, ...]) -> np.ndarray:
    """Calibrated confidences (texts × themes) of some normalised texts under the model of `examples`."""
    return model(examples, theme_names).confidences(list(texts))
