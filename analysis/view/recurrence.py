"""Recurring needs: the same need written in different words by different workshops.

«Falta de agentes de la PNC», «Faltan agentes PNC» and «falta de agentes policiales de
la PNC» are one need raised three times. Each distinct description is reduced to its
content (`analysis.view.words.content_keys`: stems, synonyms merged, stop and place words
dropped) and weighted by TF-IDF, so rare words weigh more than «falta». Two
descriptions are near-identical when the cosine of their vectors reaches `THRESHOLD`
(0.72, see tests/view/test_recurrence.py for the pairs that fix it). Groups are formed
around the most frequent descriptions: each description joins the most similar
earlier group leader it is near-identical to, so a group never chains through
in-between texts («agentes» → «agentes y patrullas» → «patrullas»).

Candidate pairs come from prefix filtering (Bayardo et al., «Scaling up all pairs
similarity search», 2007): with words ordered rarest first, two vectors with cosine ≥ t
always share a word among the rarest words of each whose weight could still reach t, so
only pairs sharing such a word are compared. That keeps 100,000 needs to sparse products
over a few million pairs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # scipy loads only when groups are computed (once per data revision), not at every start
    from scipy import sparse

from analysis.view.words import content_keys

THRESHOLD = 0.72
_CHUNK = 2_000  # rows of candidate pairs generated at once (bounds memory)


def _vectors(signatures: list[str]) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import TfidfVectorizer  # here: scikit-learn takes ~1 s to import,
    # and the dashboard only needs it when the data changed (the index is cached per revision)
    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, binary=True, norm="l2")
    return vectorizer.fit_transform(signatures).tocsr()


def _prefixes(vectors: sparse.csr_matrix, threshold: float) -> sparse.csr_matrix:
    """For each row, its rarest words whose weight could still reach `threshold` (as a 0/1 matrix).

    With a row's words ordered rarest first, a word belongs to the prefix while the squared
    norm of it and the words after it is at least threshold².
    """
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    rank = np.argsort(np.argsort(df, kind="stable"), kind="stable")  # 0 = rarest word
    rows = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
    order = np.lexsort((rank[vectors.indices], rows))  # rows stay in place, words rarest first within each
    squares = vectors.data[order] ** 2
    from_here = np.r_[np.cumsum(squares[::-1])[::-1], 0.0]  # sum of squares from each entry to the end
    tail = from_here[:-1] - from_here[vectors.indptr[1:]][rows]  # … to the end of its own row
    keep = tail >= threshold ** 2 - 1e-9
    from scipy import sparse
    return sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], vectors.indices[order][keep])),
                             shape=vectors.shape)


def _similar_pairs(vectors: sparse.csr_matrix, threshold: float) -> sparse.csr_matrix:
    """Symmetric matrix of the cosines ≥ threshold between different rows."""
    prefixes = _prefixes(vectors, threshold)
    transposed = prefixes.T.tocsr()
    found_i, found_j, found_s = [], [], []
    for start in range(0, vectors.shape[0], _CHUNK):
        candidates = (prefixes[start:start + _CHUNK] @ transposed).tocoo()
        i, j = candidates.row + start, candidates.col
        i, j = i[j > i], j[j > i]
        if not len(i):
            continue
        cosines = np.asarray(vectors[i].multiply(vectors[j]).sum(axis=1)).ravel()
        near = cosines >= threshold - 1e-9
        found_i.append(i[near]), found_j.append(j[near]), found_s.append(cosines[near])
    i, j, s = (np.concatenate(x) if x else np.array([], dtype=int if k < 2 else float)
               for k, x in enumerate((found_i, found_j, found_s)))
    n = vectors.shape[0]
    from scipy import sparse
    return sparse.csr_matrix((np.r_[s, s], (np.r_[i, j], np.r_[j, i])), shape=(n, n))


def _leaders(pairs: sparse.csr_matrix, order: np.ndarray) -> np.ndarray:
    """Group of each row: rows taken in `order`; a row joins its most similar earlier leader, else leads."""
    group = np.full(pairs.shape[0], -1)
    leader_group = np.full(pairs.shape[0], -1)  # the group a leader leads, -1 for non-leaders
    next_group = 0
    for row in order:
        start, end = pairs.indptr[row], pairs.indptr[row + 1]
        neighbours, cosines = pairs.indices[start:end], pairs.data[start:end]
        leading = leader_group[neighbours] >= 0
        if leading.any():
            group[row] = leader_group[neighbours[leading][np.argmax(cosines[leading])]]
        else:
            group[row] = leader_group[row] = next_group
            next_group += 1
    return group


def recurrence_groups(clave: pd.Series, threshold: float = THRESHOLD) -> pd.Series:
    """Group number of every need (aligned with `clave`, its normalised description).

    Needs with the same content share a group; near-identical ones too. Group 0 is the one
    whose leading description is the most frequent.
    """
    codes, texts = pd.factorize(clave, use_na_sentinel=False)
    signatures = pd.Series([" ".join(sorted(set(content_keys(str(t))))) for t in texts])
    sig_codes, sig_texts = pd.factorize(signatures)
    needs_per_signature = np.bincount(sig_codes[codes], minlength=len(sig_texts))
    empty = sig_texts == ""
    content = np.flatnonzero(~empty)
    group_of_signature = np.full(len(sig_texts), -1)
    if len(content):
        pairs = _similar_pairs(_vectors(list(sig_texts[content])), threshold)
        order = np.lexsort((np.arange(len(content)), -needs_per_signature[content]))
        group_of_signature[content] = _leaders(pairs, order)
    # Descriptions with no content word (numbers, place names only) each stand alone.
    lone = np.flatnonzero(empty)
    group_of_signature[lone] = group_of_signature.max(initial=-1) + 1 + np.arange(len(lone))
    return pd.Series(group_of_signature[sig_codes][codes], index=clave.index, name="grupo")


def recurring_needs(needs: pd.DataFrame, groups: pd.Series, minimum_places: int = 0,
                    limit: int | None = None) -> pd.DataFrame:
    """The groups of the needs in view, most widespread first.

    Columns [grupo, necesidad, necesidades, departamentos, eventos, lista_departamentos,
    redacciones]: the group's most frequent wording, its needs, the departamentos and
    events that raised it, their names, and the distinct wordings. Ranked by departamentos,
    then needs. Only groups raised in at least `minimum_places` departamentos are kept, and
    only the first `limit` when given. Every count is one vectorised group-by (no Python call
    per group), so a page over 100,000 needs and thousands of groups redraws at once.
    """
    columns = ["grupo", "necesidad", "necesidades", "departamentos", "eventos", "lista_departamentos", "redacciones"]
    if needs.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"grupo": groups.loc[needs.index], "necesidad": needs["necesidad"],
                          "departamento": needs["departamento"], "evento": needs["evento"]})
    placed = frame["departamento"].where(frame["departamento"] != "Sin especificar")
    wording = frame.groupby(["grupo", "necesidad"]).size().rename("n").reset_index()
    wording = wording.sort_values(["grupo", "n", "necesidad"], ascending=[True, False, True], kind="stable")
    by_group = frame.groupby("grupo")
    summary = pd.DataFrame({"necesidades": by_group.size(),
                            "eventos": frame["evento"].where(frame["evento"] != "").groupby(frame["grupo"]).nunique(),
                            "departamentos": placed.groupby(frame["grupo"]).nunique()})
    summary["necesidad"] = wording.groupby("grupo")["necesidad"].first()
    summary["redacciones"] = wording.groupby("grupo").size()
    summary = summary.fillna({"departamentos": 0, "eventos": 0}).astype({"departamentos": int, "eventos": int})
    summary = summary[summary["departamentos"] >= minimum_places].reset_index()
    summary = summary.sort_values(["departamentos", "necesidades", "grupo"], ascending=[False, False, True],
                                  kind="stable")
    if limit is not None:
        summary = summary.head(limit)
    places = pd.DataFrame({"grupo": frame["grupo"], "departamento": placed}).dropna()
    places = places[places["grupo"].isin(summary["grupo"])].drop_duplicates().sort_values(["grupo", "departamento"])
    names = places.groupby("grupo")["departamento"].agg(", ".join)
    summary["lista_departamentos"] = summary["grupo"].map(names).fillna("")
    return summary[columns].reset_index(drop=True)


def members(needs: pd.DataFrame, groups: pd.Series, group: int) -> pd.DataFrame:
    """The needs in view of one group (every column of `needs`), by departamento."""
    inside = needs[groups.loc[needs.index] == group]
    return inside.sort_values(["departamento", "necesidad"], kind="stable")
