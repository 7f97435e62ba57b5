"""Normalised text of every need, computed once per data revision.

Search, themes and «most frequent needs» all compare descriptions without accents
or case. Normalising 100,000 descriptions takes a quarter of a second, too slow
for every click, so the dashboard builds this index when the data changes and
the per-click work becomes plain lookups.
"""
from dataclasses import dataclass

import pandas as pd

from analysis import themes
from analysis.text import normalize_series


@dataclass(frozen=True)
class TextIndex:
    """Columns aligned with the needs frame's index."""

    busqueda: pd.Series  # " necesidad institución evento ", normalised, for free-text search
    clave: pd.Series  # the normalised description: equal keys are the same need written alike
    temas: pd.DataFrame  # one boolean column per theme


    def to_frame(self) -> pd.DataFrame:
        """As one frame (for the disk cache): busqueda, clave and a column per theme."""
        return pd.concat([self.busqueda.rename("_busqueda"), self.clave.rename("_clave"), self.temas], axis=1)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, index: pd.Index) -> "TextIndex":
        frame = frame.set_axis(index)
        return cls(frame["_busqueda"], frame["_clave"], frame.drop(columns=["_busqueda", "_clave"]))


def themes_version() -> str:
    """Changes whenever the theme dictionary or the vocabulary change (part of the cache key)."""
    return themes.themes_version()


def build_text_index(needs: pd.DataFrame) -> TextIndex:
    """The index of a needs frame; uses the stored `clave` column when the frame has it."""
    clave = needs["clave"].astype(str) if "clave" in needs else normalize_series(needs["necesidad"])
    busqueda = " " + clave + " " + normalize_series(needs["institucion"]) + " " + normalize_series(needs["evento"]) + " "
    return TextIndex(busqueda=busqueda, clave=clave, temas=themes.tag(clave))
