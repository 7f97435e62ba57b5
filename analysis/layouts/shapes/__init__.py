"""The ways a table carries needs, each behind one interface: a shape says how well it fits a table and reads
its cells into one entry per need.

A workshop's table may hold one need per row (`long_table`), several needs side by side in repeated groups of
columns (`groups`: «Necesidad 1 | Ámbito 1 | Necesidad 2 | Ámbito 2», one question per ámbito in a survey), one
column per value of a field whose cells are the needs (`value_matrix`: the matrix of a taller organised in
mesas por ámbito), or a row per need with an «X» under the value it has (`marks`: SI | SE | GRDC | IE, or a
survey's 0/1 columns). Every shape reads into the same `Rows`, so validation, lists inside cells and
everything after them never ask which shape a table had. A new shape is a new module added to `SHAPES`.
"""
from dataclasses import dataclass

from analysis.layouts.shapes.base import Rows, Shape
from analysis.layouts.shapes.groups import Groups
from analysis.layouts.shapes.long_table import LongTable
from analysis.layouts.shapes.marks import Marks
from analysis.layouts.shapes.value_matrix import ValueMatrix
from analysis.layouts.tables import Table

# Every shape, in the order a tie is settled.
SHAPES: tuple[Shape, ...] = (LongTable(), Groups(), ValueMatrix(), Marks())


@dataclass(frozen=True)
class Fit:
    shape: Shape
    score: float
    description: str


def fitting(table: Table) -> list[Fit]:
    """The shapes that fit a table, best first (ties in `SHAPES` order)."""
    found = [Fit(s, score, s.describe(table)) for s in SHAPES if (score := s.fit(table)) > 0]
    return sorted(found, key=lambda f: -f.score)


def by_key(key: str) -> Shape | None:
    return next((s for s in SHAPES if s.key == key), None)


__all__ = ["SHAPES", "Fit", "Rows", "Shape", "by_key", "fitting"]
