"""Possible new themes: the needs no dictionary theme fits, grouped by the words they share.

Whatever the dictionary (`data/temas.toml`) does not know yet lands in «Otros temas».
Grouping those descriptions by text similarity shows the analyst what is being asked for
there («agua · potable · servicio») and suggests the next theme to add. Descriptions are
reduced to their content words (`analysis.view.words`), weighted by TF-IDF and clustered with
MiniBatchKMeans into √(n/2) groups for n distinct descriptions (2 to 12; fixed random_state:
the same needs always give the same groups). The model
is fitted on at most `SAMPLE` distinct descriptions, each weighted by how many needs share it,
and every description is then assigned to its nearest group. Each group is named by the three
heaviest words of its centre, written as the workshops most often write them.
"""
from collections import Counter

import numpy as np
import pandas as pd

from analysis.view.words import content_key, generic_keys

MAX_GROUPS = 12
SAMPLE = 5_000
MIN_TEXTS = 6  # fewer distinct descriptions than this are not worth grouping
SEPARATOR = " · "


def _signature(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    generic = generic_keys()
    pairs = [(k, w) for w in text.split() if (k := content_key(w)) is not None and k not in generic]
    return sorted({k for k, _ in pairs}), pairs


def discover(clave: pd.Series, flags: pd.DataFrame) -> pd.Series:
    """The possible-new-theme label of every need (aligned with `clave`); '' for needs with a theme.

    `clave` holds the normalised descriptions, `flags` their theme flags (`analysis.view.themes.tag`).
    """
    labels = pd.Series("", index=clave.index, dtype=str)
    orphan = ~flags.any(axis=1).to_numpy() if len(flags.columns) else np.ones(len(clave), dtype=bool)
    codes, texts = pd.factorize(clave[orphan], use_na_sentinel=False)
    signatures, spellings = [], Counter()
    for text in texts:
        keys, pairs = _signature(str(text))
        signatures.append(" ".join(keys))
        spellings.update(pairs)
    weights = np.bincount(codes, minlength=len(texts)).astype(float)
    usable = np.array([bool(s) for s in signatures])
    if usable.sum() < MIN_TEXTS:
        return labels
    from sklearn.cluster import MiniBatchKMeans  # here, as in analysis.recurrence: a slow import
    from sklearn.feature_extraction.text import TfidfVectorizer
    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, sublinear_tf=True)
    vectors = vectorizer.fit_transform(np.array(signatures)[usable])
    groups = int(np.clip(round(np.sqrt(usable.sum() / 2)), 2, MAX_GROUPS))  # the usual √(n/2) rule of thumb
    rng = np.random.default_rng(0)
    fit_rows = np.arange(vectors.shape[0]) if vectors.shape[0] <= SAMPLE else \
        np.sort(rng.choice(vectors.shape[0], SAMPLE, replace=False))
    model = MiniBatchKMeans(n_clusters=groups, random_state=0, n_init=3, batch_size=1024)
    model.fit(vectors[fit_rows], sample_weight=weights[usable][fit_rows])
    assigned = model.predict(vectors)
    written = {}  # key -> the word the workshops most often write for it
    for (k, word), _ in sorted(spellings.items(), key=lambda item: (-item[1], item[0])):
        written.setdefault(k, word)
    vocabulary = vectorizer.get_feature_names_out()
    names = [SEPARATOR.join(written[vocabulary[i]] for i in np.argsort(-centre, kind="stable")[:3] if centre[i] > 0)
             for centre in model.cluster_centers_]
    text_labels = np.full(len(texts), "", dtype=object)
    text_labels[usable] = np.array(names, dtype=object)[assigned]
    labels[orphan] = text_labels[codes]
    return labels


def new_theme_groups(needs: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """The possible new themes among the needs in view: [tema_nuevo, necesidades, ejemplo], largest first.

    `ejemplo` is the group's most frequent description as written.
    """
    frame = pd.DataFrame({"tema_nuevo": labels.loc[needs.index], "necesidad": needs["necesidad"]})
    frame = frame[frame["tema_nuevo"] != ""]
    if frame.empty:
        return pd.DataFrame(columns=["tema_nuevo", "necesidades", "ejemplo"])
    counts = frame.groupby(["tema_nuevo", "necesidad"]).size().rename("n").reset_index()
    counts = counts.sort_values(["tema_nuevo", "n", "necesidad"], ascending=[True, False, True], kind="stable")
    table = pd.DataFrame({"necesidades": counts.groupby("tema_nuevo")["n"].sum(),
                          "ejemplo": counts.groupby("tema_nuevo")["necesidad"].first()}).reset_index()
    return table.sort_values(["necesidades", "tema_nuevo"], ascending=[False, True], kind="stable") \
        .reset_index(drop=True)
