"""Word keys: how two spellings of a Spanish word are recognised as the same word.

Workshop descriptions come with every inflection («extorsión», «extorsiones»,
«extorsionan»), without accents and with the spelling slips of fast typing
(«extorciones», «pandiyas», «bandalismo»). Each word of a normalised description
(see `analysis.text.normalize`) is reduced to a key: the Snowball Spanish stem,
then folded so letters Guatemalans write interchangeably compare equal (s/c/z, b/v,
y/ll, silent h). Themes, recurring needs and new-theme discovery all compare keys.
The stop words, place words and synonyms are data: `data/vocabulario.toml`.
"""
import re
import tomllib
from functools import cache

import snowballstemmer

from analysis import DATA

VOCABULARY = DATA / "vocabulario.toml"
_STEMMER = snowballstemmer.stemmer("spanish")
# Spelling folds applied to a stem, in order: ll→y, v→b, z→s, c before e/i→s, silent h (not in ch), doubled letters.
_FOLDS = ((re.compile("ll"), "y"), (re.compile("v"), "b"), (re.compile("z"), "s"), (re.compile("c(?=[ei])"), "s"),
          (re.compile("(?<!c)h"), ""), (re.compile(r"([a-z])\1"), r"\1"))


@cache
def key(word: str) -> str:
    """The comparison key of one normalised word: its stem, spelling-folded («Extorciones» → «extorsion»)."""
    return fold(_STEMMER.stemWord(word)) or word


def fold(word: str) -> str:
    """A word with the letters Guatemalans write interchangeably made equal («pandiyas» = «pandillas»)."""
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


@cache
def _vocabulary() -> dict:
    with VOCABULARY.open("rb") as handle:
        return tomllib.load(handle)


@cache
def stop_words() -> frozenset[str]:
    """Function words (articles, prepositions…), as normalised words."""
    return frozenset(_vocabulary()["vacias"])


@cache
def place_words() -> frozenset[str]:
    """Words that say where, not what («aldea», «municipio»), as normalised words."""
    return frozenset(_vocabulary()["lugar"])


@cache
def generic_keys() -> frozenset[str]:
    """Content keys of the words that say how much or how bad, not what («falta», «sin», «mejorar»)."""
    return frozenset(k for k in map(content_key, _vocabulary()["genericas"]) if k is not None)


@cache
def synonyms() -> dict[str, str]:
    """Key of a word -> key of the first word of its synonym group."""
    return {key(word): key(group[0]) for group in _vocabulary()["sinonimos"] for word in group}


@cache
def content_key(word: str) -> str | None:
    """The key a word contributes to a description's content (None for stop and place words and numbers).

    Synonyms share one key, so «Faltan policías» and «Falta de agentes» have the same content.
    """
    if word in stop_words() or word in place_words() or word.isdigit() or len(word) < 2:
        return None
    stem = key(word)
    return synonyms().get(stem, stem)


def content_keys(text: str) -> list[str]:
    """The content keys of a normalised text, in order, repeats kept."""
    return [k for k in map(content_key, text.split()) if k is not None]


def source_hash() -> str:
    """The vocabulary file's content hash (part of every cache key that depends on it)."""
    import hashlib
    return hashlib.sha1(VOCABULARY.read_bytes()).hexdigest()[:8]
