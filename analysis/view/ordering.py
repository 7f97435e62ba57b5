"""The order of Explorar's table: by any column, then by where each need came from."""
import pandas as pd

PROVENANCE_ORDER = ["archivo", "hoja", "fila"]


def sort_needs(needs: pd.DataFrame, by: str, descending: bool = False) -> pd.DataFrame:
    """Needs sorted by `by` (blanks last), ties broken by file, sheet and row, stably."""
    keys = [by] + [c for c in PROVENANCE_ORDER if c != by]
    return needs.sort_values(keys, ascending=[not descending] + [True] * (len(keys) - 1), kind="stable",
                             na_position="last")
