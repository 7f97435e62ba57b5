"""Whole-word matching for the theme dictionary: a written word matches its own inflections, never a longer word.

Comparing stems made one dictionary word swallow its neighbours: «retenida» read as a police
*retén*, «rescatado» as *rescate* (shelters), «crecer» as a *crecida*, «retorno» as *retornados*.
Here a dictionary word matches a token of a description only when the token is

- one of the word's own inflections (`forms`: singular and plural; masculine and feminine for
  participles, adjectives and agent nouns such as «armado/armadas», «pandillero/pandilleras»), or
- a conjugation of the word when the word is a verb written as an infinitive: the token's lemma
  (simplemma's Spanish dictionary, shipped in its wheel, read offline) is that verb, so «balearon»
  and «retuvieron» match «balear» and «retener» while «retenes» (a noun) stays itself.

Both sides are spelling-folded first (s/c/z, b/v, y/ll, silent h, doubled letters:
`analysis.view.words.fold`), so fast typing («extorciones», «pandiyas») still matches.
"""
from functools import cache

from analysis.text import normalize
from analysis.view.words import fold

# Endings whose masculine and feminine forms are the same word (participles, adjectives, agent nouns).
_GENDERED = ("ado", "ada", "ido", "ida", "ero", "era", "ista", "ivo", "iva", "ico", "ica", "oso", "osa", "dor",
             "dora", "tor", "tora")


def _plurals(word: str) -> set[str]:
    if word.endswith("z"):
        return {word[:-1] + "ces"}
    if word[-1] in "aeiou":
        return {word + "s"}
    return {word + "es"}


def _singulars(word: str) -> set[str]:
    found = set()
    if word.endswith("ces"):
        found.add(word[:-3] + "z")
    if word.endswith("es") and len(word) > 4:
        found.add(word[:-2])
    if word.endswith("s") and len(word) > 3:
        found.add(word[:-1])
    return found


def _genders(word: str) -> set[str]:
    if word.endswith(("dor", "tor")):
        return {word + "a"}
    if word.endswith(("dora", "tora")):
        return {word[:-1]}
    if word.endswith(_GENDERED):
        return {word[:-1] + ("a" if word.endswith("o") else "o")}
    return set()


@cache
def forms(word: str) -> frozenset[str]:
    """The folded inflections of a normalised dictionary word (itself, plural or singular, the other gender)."""
    found = {word} | _plurals(word) | _singulars(word)
    for base in list(found):
        for other in _genders(base):
            found |= {other} | _plurals(other)
    return frozenset(fold(f) for f in found if f)


def is_verb(word: str) -> bool:
    """Whether a dictionary word is written as a verb's infinitive (then its conjugations match it)."""
    return len(word) > 3 and word.endswith(("ar", "er", "ir")) and lemma(word) == fold(word)


@cache
def lemma(token: str) -> str:
    """The folded lemma of a normalised token («balearon» → «balear», «retuvieron» → «retener»)."""
    import simplemma  # here: its Spanish dictionary takes a second to load, needed only when themes are computed
    return fold(normalize(simplemma.lemmatize(token, lang="es")) or token)
