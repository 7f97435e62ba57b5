"""Frames kept as Parquet files between runs, named by what they were computed from.

Loading 100,000 needs from the database and normalising their text takes about a
second; reading the same frame back from Parquet takes a tenth of that. A file's
name carries everything its content depends on (database, schema, revision…),
so a stale file is never read: it simply has another name, and is removed when
the new one is written.
"""
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def cached_frame(directory: Path, family: str, key: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame `build()` returns, read from `directory/family-key.parquet` when already there."""
    path = directory / f"{family}-{key}.parquet"
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        pass  # not cached yet, or unreadable: build it
    frame = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        frame.to_parquet(temporary, index=False)
        os.replace(temporary, path)
        for old in directory.glob(f"{family}-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only disk only costs speed
    return frame
