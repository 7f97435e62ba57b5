"""What every exported chart, slide and workbook says about itself: the view, the data, the marking.

A chart that leaves the dashboard loses its context; these lines travel with it: the
filters in words, how many needs of how many, the data cut-off (when the newest file
in view was loaded), the sources, and the office's classification marking. While
the synthetic sample is in view, every export says so too.
"""
import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.formatting import format_date, format_int, to_local
from analysis.settings import settings
from analysis.store import times
from analysis.view.filters import Filters

SAMPLE_MARK = "DATOS SINTÉTICOS DE EJEMPLO — NO SON NECESIDADES REALES"


@dataclass(frozen=True)
class Source:
    filename: str
    uploaded_at: dt.datetime
    rows: int
    is_sample: bool


@dataclass(frozen=True)
class Provenance:
    filters: Filters
    shown: int
    total: int
    sources: tuple[Source, ...]
    classification: str
    institution: str
    generated: dt.datetime = field(default_factory=times.now)

    @classmethod
    def of(cls, uploads: pd.DataFrame, filters: Filters, shown: int, total: int) -> "Provenance":
        """From the store's uploads (deleted ones are ignored) and the view's counts."""
        visible = uploads[uploads["deleted_at"].isna()] if len(uploads) else uploads
        sources = tuple(Source(str(r.filename), r.uploaded_at, int(r.rows_imported), bool(r.is_sample))
                        for r in visible.sort_values("uploaded_at").itertuples())
        config = settings()
        return cls(filters, shown, total, sources, config.classification, config.institution)

    @property
    def sample(self) -> bool:
        return any(s.is_sample for s in self.sources)

    @property
    def cutoff(self) -> dt.date | None:
        """The data cut-off: the day the newest file in view was loaded (Guatemala time)."""
        return to_local(max(s.uploaded_at for s in self.sources)).date() if self.sources else None

    @property
    def marking(self) -> str:
        """The classification line, with the sample warning when synthetic data is in view."""
        return f"{self.classification} · {SAMPLE_MARK}" if self.sample else self.classification

    def view_line(self) -> str:
        """«Petén · Seguridad Interior · 106 de 1,667 necesidades · Datos al 24/11/2026»."""
        cutoff = f" · Datos al {format_date(self.cutoff)}" if self.cutoff else ""
        return f"{self.filters.summary()} · {format_int(self.shown)} de {format_int(self.total)} necesidades{cutoff}"

    def lines(self) -> list[str]:
        """The lines under an exported chart's title."""
        return [self.view_line(), self.marking]
