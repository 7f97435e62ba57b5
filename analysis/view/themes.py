"""Themes of the free-text descriptions, recognised by a Spanish dictionary kept as data.

Workshops word the same need in many ways: «extorsiones a comercios», «cobro de renta
a tenderos», «EXTORCIONES A PILOTOS». The dictionary (`data/temas.toml`, readable and
extensible by an analyst) lists for each theme the words, phrases and slang that
give it, combinations of words that must appear together («falta» + «agentes») and
phrases that must not count («renta de vivienda»). Words match as whole words
(`analysis.view.word_forms`: a word's own inflections and, for a verb, its conjugations;
spelling-folded for the usual slips), never as the stem of another word. For each theme
it gives, the dictionary says which words gave it (`find`), so every tag can be explained.
A need may have several themes or none («Otros temas»; `analysis.view.theme_discovery`
groups those). This is the transparent reader; `analysis.view.tagging` adds the model's.

Matching runs once per distinct normalised description: a store of 100,000 needs
holds far fewer distinct texts, and each word's matches and each arrangement of
dictionary words are cached.
"""
import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from itertools import product

import numpy as np
import pandas as pd

from analysis import DATA
from analysis.text import normalize
from analysis.view import word_forms, words

TABLE = DATA / "temas.toml"
OTHER = "Otros temas"
DEFAULT_DISTANCE = 4
SEPARATOR = "; "  # between theme names in one cell (exports, tables)


@dataclass(frozen=True)
class Theme:
    """One theme as the dictionary declares it (terms as written there)."""

    name: str
    definition: str
    words: tuple[str, ...]
    slang: tuple[str, ...]
    combinations: tuple[tuple[tuple[tuple[str, ...], ...], int], ...]  # ((group of terms, …), distance)
    exclude: tuple[str, ...]


# ── The dictionary ────────────────────────────────────────────────────────────────────


def _group(spec, lists: dict[str, list[str]], theme: str) -> tuple[str, ...]:
    if isinstance(spec, str):
        if not spec.startswith("@") or spec[1:] not in lists:
            raise ValueError(f"temas.toml: el tema «{theme}» usa una lista que no existe: {spec!r}")
        return tuple(lists[spec[1:]])
    return tuple(spec)


@cache
def table() -> tuple[Theme, ...]:
    """Every theme of the dictionary, in its order."""
    with TABLE.open("rb") as handle:
        data = tomllib.load(handle)
    lists = data.get("listas", {})
    themes = []
    for spec in data["tema"]:
        name = spec["nombre"]
        combinations = tuple((tuple(_group(g, lists, name) for g in c["grupos"]), c.get("distancia", DEFAULT_DISTANCE))
                             for c in spec.get("combinaciones", ()))
        themes.append(Theme(name, spec["definicion"], tuple(spec.get("palabras", ())), tuple(spec.get("jerga", ())),
                            combinations, tuple(spec.get("excluir", ()))))
    if len({t.name for t in themes}) != len(themes) or OTHER in {t.name for t in themes}:
        raise ValueError("temas.toml: hay nombres de tema repetidos o reservados")
    return tuple(themes)


def theme_names() -> tuple[str, ...]:
    """The theme names, in dictionary order."""
    return tuple(t.name for t in table())


def definitions() -> pd.DataFrame:
    """The dictionary as a table for the themes page: [tema, definicion, palabras, jerga]."""
    return pd.DataFrame([{"tema": t.name, "definicion": t.definition,
                          "palabras": ", ".join(w.strip("=*") for w in t.words),
                          "jerga": ", ".join(w.strip("=*") for w in t.slang)} for t in table()])


def themes_version() -> str:
    """Changes whenever the dictionary or the vocabulary files change (part of every cache key)."""
    return hashlib.sha1(TABLE.read_bytes()).hexdigest()[:8] + words.source_hash()


# ── Compiled matcher ──────────────────────────────────────────────────────────────────
# A term (word or phrase) is a tuple of atoms, one per word; an atom is one way a single word
# matches a token: as a whole word (its inflections, or a verb's conjugations: analysis.view.word_forms),
# exactly as written («=mara») or as a prefix («narco*»).


@dataclass(frozen=True)
class _Term:
    atoms: tuple[int, ...]
    literal: bool  # matched on every token (stop words included), not only content words


@dataclass(frozen=True)
class Found:
    """What the dictionary finds in one text: each theme's matched token positions, and the themes one of
    whose exclusions is present (no other reader may give those)."""

    themes: dict[int, tuple[int, ...]]  # theme index (dictionary order) -> positions of the words that gave it
    excluded: frozenset[int]


class _Matcher:
    """The whole dictionary compiled into atoms indexed by folded word form, verb lemma, exact form and prefix."""

    def __init__(self, themes: tuple[Theme, ...]):
        self.by_form: dict[str, set[int]] = {}  # exact token
        self.by_folded: dict[str, set[int]] = {}  # folded inflection
        self.by_lemma: dict[str, set[int]] = {}  # folded infinitive of a verb
        self.by_prefix: list[tuple[str, int]] = []
        self._atoms: dict[tuple[str, str], int] = {}
        self.rules = [self._compile(t) for t in themes]
        # atom -> the rules a single term of which starts with it; -> (rule, combination) whose first group
        # has a term starting with it; -> the rules an exclusion of which starts with it
        self.by_single: dict[int, set[tuple[int, frozenset[int]]]] = {}  # (rule, every atom of the term)
        self.by_combination: dict[int, set[tuple[int, int]]] = {}
        self.by_exclusion: dict[int, set[int]] = {}
        for n, rule in enumerate(self.rules):
            for atom, terms in rule.singles.items():
                for term in terms:
                    self.by_single.setdefault(atom, set()).add((n, frozenset(term.atoms)))
            for c, groups in enumerate(rule.combo_firsts):
                for atom in groups[0]:
                    self.by_combination.setdefault(atom, set()).add((n, c))
            for atom in rule.exclude:
                self.by_exclusion.setdefault(atom, set()).add(n)
        self._tokens: dict[str, frozenset[int]] = {}
        self._shapes: dict[tuple, Found] = {}

    def _atom(self, word: str, stop: bool) -> int:
        kind, value = ("form", word[1:]) if word.startswith("=") else ("prefix", word[:-1]) if word.endswith("*") \
            else ("form", word) if stop else ("word", word)
        if (kind, value) not in self._atoms:
            atom = self._atoms[(kind, value)] = len(self._atoms)
            if kind == "word":
                for form in word_forms.forms(value):
                    self.by_folded.setdefault(form, set()).add(atom)
                if word_forms.is_verb(value):
                    self.by_lemma.setdefault(words.fold(value), set()).add(atom)
            elif kind == "form":
                self.by_form.setdefault(value, set()).add(atom)
            else:
                self.by_prefix.append((value, atom))
        return self._atoms[(kind, value)]

    def _term(self, text: str) -> _Term:
        raw = [w if w.startswith("=") or w.endswith("*") else normalize(w) for w in text.lower().split()]
        raw = [w for w in raw if w.strip("=*")]
        content = [w for w in raw if w.strip("=*") not in words.stop_words()]
        literal = len(content) < 2 and len(raw) > 1 or not content
        chosen = raw if literal else content
        return _Term(tuple(self._atom(w, w in words.stop_words()) for w in chosen), literal)

    def _compile(self, theme: Theme) -> "_Rule":
        singles = [self._term(w) for w in theme.words + theme.slang]
        combos = tuple((tuple(_by_first([self._term(w) for w in group]) for group in groups), distance)
                       for groups, distance in theme.combinations)
        exclude = _by_first([self._term(w) for w in theme.exclude])
        return _Rule(_by_first(singles), combos, exclude,
                     tuple(tuple(frozenset(group) for group in groups) for groups, _ in combos))

    def token_atoms(self, token: str) -> frozenset[int]:
        found = self._tokens.get(token)
        if found is None:
            atoms = set(self.by_form.get(token, ()))
            if token not in words.stop_words():
                atoms |= self.by_folded.get(words.fold(token), set())
                if self.by_lemma and len(token) > 3:
                    atoms |= self.by_lemma.get(word_forms.lemma(token), set())
            atoms |= {atom for prefix, atom in self.by_prefix if token.startswith(prefix)}
            found = self._tokens[token] = frozenset(atoms)
        return found

    def find(self, text: str) -> Found:
        """The themes a normalised text has, with the words that gave each."""
        tokens = text.split()
        atoms = [self.token_atoms(t) for t in tokens]
        present = frozenset().union(*atoms)
        if not present:
            return _NOTHING
        # The answer depends only on each token's atoms and whether it is a stop word, and tokens without atoms
        # before the first dictionary word or after the last change nothing: texts that differ in words outside
        # the dictionary («Urgente:», «número 17», a place name at the end) share it, shifted to where they start.
        first = next(i for i, a in enumerate(atoms) if a)
        last = len(atoms) - next(i for i, a in enumerate(reversed(atoms)) if a)
        tokens, atoms = tokens[first:last], atoms[first:last]
        stop = words.stop_words()
        shape = tuple((a, t in stop) for a, t in zip(atoms, tokens))
        if (known := self._shapes.get(shape)) is None:
            known = self._shapes[shape] = self._find_shape(tokens, atoms, present)
        if not first or not known.themes:
            return known
        return Found({n: tuple(i + first for i in positions) for n, positions in known.themes.items()}, known.excluded)

    def _find_shape(self, tokens: list[str], atoms: list[frozenset[int]], present: frozenset[int]) -> Found:
        stop = words.stop_words()
        content = [i for i, t in enumerate(tokens) if t not in stop]
        order = [-1] * len(tokens)  # each token's place among the content words (-1 for a stop word)
        for j, i in enumerate(content):
            order[i] = j
        rank = [0] * len(tokens)  # content words before each token: distances count content words only
        seen = 0
        for i, t in enumerate(tokens):
            rank[i] = seen
            seen += t not in stop
        where: dict[int, list[int]] = {}  # atom -> the positions of the tokens that carry it
        for i, carried in enumerate(atoms):
            for atom in carried:
                where.setdefault(atom, []).append(i)
        view = _View(atoms, content, order, rank, present, where)
        found = {}
        for n in sorted(self._possible(present)):
            if positions := self._matches(self.rules[n], view):
                found[n] = positions
        excluded = frozenset(n for atom in present for n in self.by_exclusion.get(atom, ())
                             if n not in found and any(self._spans(t, view)
                                                       for t in _candidates(self.rules[n].exclude, present)))
        return Found(found, excluded)

    def _possible(self, present: frozenset[int]) -> set[int]:
        """The rules worth checking: every word of one of its single terms is there, or the first word of a term
        of every group of one of its combinations (most descriptions hold a generic word such as «falta» or the
        first word of a phrase such as «no hay» and nothing else of the rule)."""
        rules = set()
        for atom in present:
            for n, needed in self.by_single.get(atom, ()):
                if n not in rules and needed <= present:
                    rules.add(n)
        for atom in present:
            for n, c in self.by_combination.get(atom, ()):
                if n not in rules and all(not g.isdisjoint(present) for g in self.rules[n].combo_firsts[c][1:]):
                    rules.add(n)
        return rules

    @staticmethod
    def _spans(term: _Term, view: "_View") -> list[tuple[int, int]]:
        """Where a term is in the text: (first, last) token positions; a phrase's words follow each other (stop
        words in between allowed unless the term is literal)."""
        if not view.present.issuperset(term.atoms):  # most terms of a theme are absent: no need to look
            return []
        rest = term.atoms[1:]
        if term.literal:
            atoms = view.atoms
            return [(i, i + len(rest)) for i in view.where[term.atoms[0]]
                    if i + len(rest) < len(atoms) and all(a in atoms[i + 1 + k] for k, a in enumerate(rest))]
        found = []
        for i in view.where[term.atoms[0]]:
            j = view.order[i]
            if j < 0 or j + len(rest) >= len(view.content):
                continue
            if all(a in view.atoms[view.content[j + 1 + k]] for k, a in enumerate(rest)):
                found.append((i, view.content[j + len(rest)]))
        return found

    def _matches(self, rule: "_Rule", view: "_View") -> tuple[int, ...]:
        """Positions of the words that give the theme (every free single term, else the closest combination);
        () when the theme does not apply. Spans inside an exclusion («renta de vivienda») do not count."""
        present = view.present
        masked = None

        def free(spans):
            nonlocal masked
            if masked is None:
                masked = [span for term in _candidates(rule.exclude, present) for span in self._spans(term, view)]
            return [(a, b) for a, b in spans if not any(a <= y and x <= b for x, y in masked)] if masked else spans

        spans = [span for term in _candidates(rule.singles, present) for span in self._spans(term, view)]
        if spans and (spans := free(spans)):
            return _positions(spans, view)
        for groups, distance in rule.combos:
            found = []
            for group in groups:
                found.append([s for term in _candidates(group, present) for s in self._spans(term, view)])
                if not found[-1]:
                    break
            else:
                found = [free(spans) for spans in found]
                picks = [pick for pick in product(*found)
                         if view.rank[max(b for _, b in pick)] - view.rank[min(a for a, _ in pick)] <= distance]
                if picks:
                    return _positions(min(picks, key=lambda p: max(b for _, b in p) - min(a for a, _ in p)), view)
        return ()


@dataclass(frozen=True)
class _View:
    """One text as the matcher reads it."""

    atoms: list[frozenset[int]]  # per token
    content: list[int]  # positions of the content words
    order: list[int]  # per token, its index in `content` (-1 for a stop word)
    rank: list[int]  # per token, the content words before it
    present: frozenset[int]
    where: dict[int, list[int]]  # atom -> positions


@dataclass(frozen=True)
class _Rule:
    """One theme compiled: its terms indexed by their first atom (a term can only match where that atom is)."""

    singles: dict[int, tuple[_Term, ...]]
    combos: tuple[tuple[tuple[dict[int, tuple[_Term, ...]], ...], int], ...]
    exclude: dict[int, tuple[_Term, ...]]
    combo_firsts: tuple[tuple[frozenset[int], ...], ...]  # per combination, the first atoms of each group's terms


def _by_first(terms: list[_Term]) -> dict[int, tuple[_Term, ...]]:
    indexed: dict[int, list[_Term]] = {}
    for term in terms:
        if term.atoms:
            indexed.setdefault(term.atoms[0], []).append(term)
    return {atom: tuple(found) for atom, found in indexed.items()}


def _candidates(indexed: dict[int, tuple[_Term, ...]], present: frozenset[int]):
    """The terms whose first atom is in the text."""
    for atom in present.intersection(indexed):
        yield from indexed[atom]


_NOTHING = Found({}, frozenset())


def _positions(spans, view: _View) -> tuple[int, ...]:
    """The content-word positions inside spans (a phrase's stop words are not worth showing)."""
    content = set(view.content)
    inside = {i for a, b in spans for i in range(a, b + 1)}
    return tuple(sorted(inside & content or inside))


@cache
def _matcher() -> _Matcher:
    return _Matcher(table())


def find(texts) -> list[Found]:
    """What the dictionary finds in each of some distinct normalised texts."""
    matcher = _matcher()
    return [matcher.find(str(text)) for text in texts]


def tag(texts: pd.Series) -> pd.DataFrame:
    """Theme flags the dictionary gives normalised descriptions: one boolean column per theme, aligned with `texts`.

    Each distinct text is matched once.
    """
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    names = theme_names()
    values = np.zeros((len(distinct), len(names)), dtype=bool)
    for row, found in enumerate(find(distinct)):
        values[row, list(found.themes)] = True
    return pd.DataFrame(values[codes], index=texts.index, columns=list(names))


def theme_counts(flags: pd.DataFrame) -> pd.Series:
    """Needs per theme from the theme flags of the needs in view, most frequent first.

    A need may count under two themes; needs matching none count as «Otros temas».
    """
    counts = flags.sum().astype(int)
    counts[OTHER] = int((~flags.any(axis=1)).sum()) if len(flags.columns) else len(flags)
    counts = counts[counts > 0]
    return counts.sort_values(ascending=False, kind="stable").rename("necesidades")


def joined_names(flags: pd.DataFrame) -> pd.Series:
    """Each need's theme names joined by «; » in dictionary order ('' when it has none)."""
    values = flags.to_numpy(dtype=bool)
    columns = np.array(flags.columns, dtype=object)
    if not len(values):
        return pd.Series([], index=flags.index, dtype=str)
    patterns, codes = np.unique(values, axis=0, return_inverse=True)  # each combination of themes named once
    labels = np.array([SEPARATOR.join(columns[p]) for p in patterns], dtype=object)
    return pd.Series(labels[codes.reshape(-1)], index=flags.index, dtype=str)
