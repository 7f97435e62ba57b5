"""«Palabras sugeridas»: what the analysts' corrections say the theme dictionary should learn.

When an analyst adds a theme the dictionary did not give, the corrected descriptions' words that the
dictionary does not know for that theme are candidates for its word list (the more corrected needs share
a word, the stronger the hint). When an analyst removes a theme the dictionary gave, the words that gave
it are candidates for a closer look (an exclusion, or a combination instead of a single word). The
analyst who maintains `data/temas.toml` reads this list on the Temas page; nothing is added by itself.
"""
from collections import Counter

import pandas as pd

from analysis.store import theme_corrections
from analysis.view import themes
from analysis.view.words import content_key, generic_keys

ADD_WORD = "agregar al tema"
REVIEW_WORD = "revisar: dio un tema que un analista quitó"
COLUMNS = ["tema", "palabra", "sugerencia", "necesidades", "ejemplo"]


def suggested_words(corrections: pd.DataFrame, limit: int = 50) -> pd.DataFrame:
    """[tema, palabra, sugerencia, necesidades, ejemplo], the words shared by most corrected needs first."""
    if corrections.empty:
        return pd.DataFrame(columns=COLUMNS)
    names = themes.theme_names()
    counts, examples = Counter(), {}
    generic = generic_keys()
    for c in theme_corrections.latest(corrections).drop_duplicates(["clave", "tema"]).itertuples():
        if c.tema not in names:
            continue
        found = themes.find([c.clave])[0].themes
        tokens = str(c.clave).split()
        given = found.get(names.index(c.tema))
        if c.accion == theme_corrections.ADD and given is None:
            known = {tokens[i] for k in found for i in found[k]}
            chosen = {t for t in tokens if t not in known and (k := content_key(t)) is not None and k not in generic}
            kind = ADD_WORD
        elif c.accion == theme_corrections.REMOVE and given is not None:
            chosen, kind = {tokens[i] for i in given}, REVIEW_WORD
        else:
            continue
        for word in chosen:
            counts[(c.tema, word, kind)] += 1
            examples.setdefault((c.tema, word, kind), c.necesidad)
    rows = [{"tema": tema, "palabra": word, "sugerencia": kind, "necesidades": n, "ejemplo": examples[(tema, word, kind)]}
            for (tema, word, kind), n in counts.items()]
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["necesidades", "tema", "palabra"], ascending=[False, True, True],
                             kind="stable").head(limit).reset_index(drop=True)
