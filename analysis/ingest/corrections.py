"""Corrections an analyst makes in the app to values the validation rejected.

A rejected value («Sacatepeques») is usually written the same wrong way on many rows,
so a correction is a mapping (field, value as written) -> value to use, applied to
every row with that value before validation, like a column override; the file itself is
never changed. The upload's report keeps each correction as a problem of severity
"correction" whose `value` is the original and `corrected` the value used, so anyone
can see later what the analyst changed.
"""
import re
from dataclasses import dataclass

import pandas as pd

from analysis.ingest.problems import ERROR

# (field, value as written in the file) -> the value to use instead.
Corrections = dict[tuple[str, str], str]

_SUGGESTION = re.compile(r"¿Quiso decir (.+?)\?")
_QUOTED = re.compile(r"«([^«»]+)»")


@dataclass(frozen=True)
class Rejected:
    """One distinct value that rejected rows, with what the validation suggested for it."""

    field: str
    column: str  # the header it was read under
    value: str
    rows: int
    message: str  # the validation's message for its first row
    suggestions: tuple[str, ...]


def suggestions(message: str) -> tuple[str, ...]:
    """The values a «¿Quiso decir «A» o «B»?» message offers."""
    found = _SUGGESTION.search(message)
    return tuple(_QUOTED.findall(found[1])) if found else ()


def rejected_values(problems) -> list[Rejected]:
    """Each distinct rejected (field, value) once, with how many rows it rejected, in report order."""
    found: dict[tuple[str, str], list] = {}
    for problem in problems:
        if problem.severity == ERROR and problem.field and problem.value:
            entry = found.setdefault((problem.field, problem.value), [problem, 0])
            entry[1] += 1
    return [Rejected(field, first.column or field, value, count, first.message, suggestions(first.message))
            for (field, value), (first, count) in found.items()]


def with_correction(corrections: Corrections, field: str, value: str, new: str) -> Corrections:
    """The corrections plus value -> new. Correcting a value that is itself a correction corrects
    the original instead, so the report always pairs what the file says with what is used."""
    new = new.strip()
    originals = [key for key, used in corrections.items() if key[0] == field and used == value]
    updated = dict(corrections)
    for key in originals or [(field, value)]:
        if new and new != key[1]:
            updated[key] = new
        else:
            updated.pop(key, None)
    return updated


def apply(frame: pd.DataFrame, corrections: Corrections) -> list[tuple[str, str, str, int]]:
    """Apply the corrections to the text columns of `frame` in place; (field, original, new, rows) of each
    that changed some row."""
    applied = []
    for (field, original), new in corrections.items():
        if field not in frame:
            continue
        hits = frame[field] == original
        if count := int(hits.sum()):
            frame.loc[hits, field] = new
            applied.append((field, original, new, count))
    return applied
