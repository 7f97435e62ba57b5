"""The one clock: every «now» of the application comes from here, in UTC, and can be set for a test.

Times are stored in UTC (with their zone even when SQLite returns them without one);
they are shown in Guatemala's time through `analysis.formatting.to_local`, the only
door between the two. Nothing else asks the system for the time or the day, so a test
that sets this clock (`clock_at`) moves every date the user sees: the store's stamps,
the reports' «generado», the file names, the sidebar's last day.
"""
import datetime as dt
from contextlib import contextmanager
from typing import Iterator

from analysis.formatting import to_local

_set: list[dt.datetime] = []  # the moment a test fixed (`clock_at`); empty: the system's clock


def now() -> dt.datetime:
    return _set[-1] if _set else dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    """Today in Guatemala (not the server's zone, not UTC: at 21:30 in Guatemala UTC is already tomorrow)."""
    return to_local(now()).date()


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """The clock reads `moment` (an aware time) inside the block: the one seam for tests and demonstrations."""
    if moment.tzinfo is None:
        raise ValueError("clock_at needs a time with its zone")
    _set.append(moment.astimezone(dt.timezone.utc))
    try:
        yield
    finally:
        _set.pop()


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time with its zone (SQLite returns times without their zone; they are stored in UTC)."""
    if value is None or value.tzinfo:
        return value
    return value.replace(tzinfo=dt.timezone.utc)
