"""Normalised text of every need, its themes (and why), its recurring-need group, computed once per data revision.

Search, themes, «most frequent needs», recurring needs and possible new themes all compare
descriptions without accents or case. Normalising 100,000 descriptions takes a quarter of a
second and grouping them a few seconds, too slow for every click, so the dashboard builds
this index when the data changes and the per-click work becomes plain lookups. Tagging (the
dictionary, the model trained with the analysts' corrections, the corrections themselves:
`analysis.view.tagging`) happens here too, so no rerun retrains or re-tags anything.
"""
import sys
from dataclasses import dataclass

import pandas as pd

from analysis import text
from analysis.store import diskcache  # through the package: see analysis.view.tagging
from analysis.text import normalize_series
from analysis.view import recurrence, tagging, theme_discovery, theme_model, themes, word_forms, words

_OWN = {"_busqueda": "busqueda", "_clave": "clave", "_grupo": "grupo", "_tema_nuevo": "tema_nuevo",
        "_razones": "razones"}


@dataclass(frozen=True)
class TextIndex:
    """Columns aligned with the needs frame's index."""

    busqueda: pd.Series  # " necesidad institución evento ", normalised, for free-text search
    clave: pd.Series  # the normalised description: equal keys are the same need written alike
    temas: pd.DataFrame  # one boolean column per theme
    grupo: pd.Series  # recurring-need group (analysis.recurrence): near-identical descriptions share it
    tema_nuevo: pd.Series  # possible new theme of a need without theme (analysis.theme_discovery), else ''
    razones: pd.Series  # why the need has each theme (analysis.view.tagging.encode)

    def to_frame(self) -> pd.DataFrame:
        """As one frame (for the disk cache): the own columns (prefixed by _) and a column per theme."""
        return pd.concat([getattr(self, name).rename(column) for column, name in _OWN.items()] + [self.temas], axis=1)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, index: pd.Index) -> "TextIndex":
        frame = frame.set_axis(index)
        return cls(temas=frame.drop(columns=list(_OWN)), **{name: frame[column] for column, name in _OWN.items()})


def index_version() -> str:
    """Changes whenever the theme dictionary, the vocabulary or the code that builds the index change (part of
    the disk cache's key)."""
    return themes.themes_version() + theme_model.data_version() + diskcache.code_version(
        sys.modules[__name__], themes, word_forms, words, tagging, theme_model, recurrence, theme_discovery, text)


def build_text_index(needs: pd.DataFrame, corrections: pd.DataFrame | None = None) -> TextIndex:
    """The index of a needs frame; uses the stored `clave` column when the frame has it. `corrections` are the
    analysts' corrections of themes (`Store.corrections.all()`): they win, and the model learns from them."""
    clave = needs["clave"].astype(str) if "clave" in needs else normalize_series(needs["necesidad"])
    busqueda = " " + clave + " " + normalize_series(needs["institucion"]) + " " + normalize_series(needs["evento"]) + " "
    tagged = tagging.tag(clave, theme_model.training_examples(corrections))
    tagged = tagging.apply_corrections(tagged, needs.assign(clave=clave), corrections)
    return TextIndex(busqueda=busqueda, clave=clave, temas=tagged.flags, grupo=recurrence.recurrence_groups(clave),
                     tema_nuevo=theme_discovery.discover(clave, tagged.flags), razones=tagged.razones)
