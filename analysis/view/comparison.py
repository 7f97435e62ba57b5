"""What changed between workshops: two sets of needs side by side, a timeline, what an upload adds.

Analysts compare two events («Taller Occidente 2018» and «Taller de seguimiento 2020») or two
periods, and see per departamento, ámbito or theme how many needs each has, and which needs are
new, which disappeared and which grew. «The same need» means the same recurring-need group
(`analysis.view.recurrence`), so a need reworded in the second workshop is not counted as new.
"""
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.formatting import format_date
from analysis.view.aggregation import ORDERS, tally
from analysis.view.textindex import TextIndex

NEW, GONE, GREW, FELL, SAME = "Nueva", "Desapareció", "Creció", "Bajó", "Igual"
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


# Page choices (Context.choices, and the Comparar page's address): what is compared with what.
CHOICE_BY, CHOICE_A, CHOICE_B = "comparar_por", "comparar_a", "comparar_b"
BY_EVENT, BY_PERIOD = "evento", "periodo"
CHOICE_TIMELINE = "linea_por"  # "mes" or "evento"


@dataclass(frozen=True)
class Sides:
    """The two sets compared, named as the analyst chose them."""

    antes: str
    despues: str
    before: pd.DataFrame
    after: pd.DataFrame


def events_in_order(needs: pd.DataFrame) -> list[str]:
    """The events of the needs, in the order of their first date (undated ones last, by name)."""
    named = needs[needs["evento"] != ""]
    first = pd.to_datetime(named["fecha"], errors="coerce").groupby(named["evento"]).min()
    return list(first.sort_index().sort_values(kind="stable", na_position="last").index)


def period_choice(start: dt.date, end: dt.date) -> str:
    """A period as a page choice: «2017-11-01/2017-12-31»."""
    return f"{start.isoformat()}/{end.isoformat()}"


def _period(choice: str) -> tuple[dt.date, dt.date] | None:
    try:
        start, end = (dt.date.fromisoformat(part) for part in choice.split("/"))
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)


def sides(needs: pd.DataFrame, choices: Mapping[str, str]) -> Sides | None:
    """The two sets the choices name, within the needs in view; the two latest events when none are chosen.

    None when fewer than two events exist or a period cannot be read.
    """
    if choices.get(CHOICE_BY) == BY_PERIOD:
        first, second = _period(choices.get(CHOICE_A) or ""), _period(choices.get(CHOICE_B) or "")
        if not first or not second:
            return None
        name = [f"{format_date(a)} – {format_date(b)}" for a, b in (first, second)]
        return Sides(name[0], name[1], select_period(needs, *first), select_period(needs, *second))
    events = events_in_order(needs)
    a, b = choices.get(CHOICE_A), choices.get(CHOICE_B)
    if a not in events or b not in events or a == b:
        if len(events) < 2:
            return None
        a, b = events[-2], events[-1]
    return Sides(a, b, select_event(needs, a), select_event(needs, b))


def select_event(needs: pd.DataFrame, evento: str) -> pd.DataFrame:
    return needs[needs["evento"] == evento]


def select_period(needs: pd.DataFrame, start, end) -> pd.DataFrame:
    """The needs dated from `start` to `end`, both included (needs without a date are left out)."""
    dates = pd.to_datetime(needs["fecha"], errors="coerce")
    return needs[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]


def _situation(before: pd.Series, after: pd.Series) -> pd.Series:
    return pd.Series(
        [NEW if b == 0 and a > 0 else GONE if a == 0 and b > 0 else GREW if a > b else FELL if a < b else SAME
         for b, a in zip(before, after)], index=before.index, dtype=str)


def _counts(needs: pd.DataFrame, by: str, index: TextIndex) -> pd.Series:
    if by == "tema":
        return index.temas.loc[needs.index].sum().astype(int)
    return needs[by].value_counts()


def compare(before: pd.DataFrame, after: pd.DataFrame, by: str, index: TextIndex) -> pd.DataFrame:
    """Needs per value of `by` (a field, or "tema") in each set: [by, antes, despues, cambio, situacion].

    Values keep their reference order (departamentos by code, ámbitos as the law lists them);
    values absent from both sets are left out. A need counts under each of its themes.
    """
    counts = pd.DataFrame({"antes": _counts(before, by, index), "despues": _counts(after, by, index)}).fillna(0)
    counts = counts.astype(int)
    counts = counts[(counts["antes"] > 0) | (counts["despues"] > 0)]
    order = [v for v in ORDERS.get(by, list(index.temas.columns) if by == "tema" else []) if v in counts.index]
    rest = sorted(v for v in counts.index if v not in order and v != SIN_ESPECIFICAR)
    counts = counts.reindex(order + rest + ([SIN_ESPECIFICAR] if SIN_ESPECIFICAR in counts.index else []))
    counts["cambio"] = counts["despues"] - counts["antes"]
    counts["situacion"] = _situation(counts["antes"], counts["despues"])
    return counts.rename_axis(by).reset_index()


def compare_needs(before: pd.DataFrame, after: pd.DataFrame, index: TextIndex) -> pd.DataFrame:
    """Each need (recurring-need group) in either set: [grupo, necesidad, antes, despues, cambio, situacion].

    New needs first, then those that grew, fell, stayed and disappeared; larger changes first.
    `necesidad` is the group's most frequent wording across both sets.
    """
    both = pd.concat([before.assign(_lado="antes"), after.assign(_lado="despues")])
    groups = pd.concat([index.grupo.loc[before.index], index.grupo.loc[after.index]]).to_numpy()
    both = both.assign(grupo=groups)
    counts = tally(both["grupo"], both["_lado"]).reindex(columns=["antes", "despues"], fill_value=0)
    wording = both.groupby(["grupo", "necesidad"]).size().rename("n").reset_index()
    wording = wording.sort_values(["grupo", "n", "necesidad"], ascending=[True, False, True], kind="stable")
    counts["necesidad"] = wording.groupby("grupo")["necesidad"].first()
    counts["cambio"] = counts["despues"] - counts["antes"]
    counts["situacion"] = _situation(counts["antes"], counts["despues"])
    rank = counts["situacion"].map({NEW: 0, GREW: 1, FELL: 2, SAME: 3, GONE: 4})
    counts = counts.assign(_rank=rank, _size=-counts["cambio"].abs(), _total=-(counts["antes"] + counts["despues"]))
    counts = counts.sort_values(["_rank", "_size", "_total", "necesidad"], kind="stable").reset_index()
    return counts[["grupo", "necesidad", "antes", "despues", "cambio", "situacion"]]


# A timeline of more bars than this cannot be read (on a projector its month labels overlap): months become
# quarters, then years. The one place where the step is chosen.
CROWDED = 24
STEPS = (("mes", 1), ("trimestre", 3), ("año", 12))  # name, months per bar


def _month_numbers(needs: pd.DataFrame) -> pd.Series:
    """Each dated need's month as one number (year × 12 + month − 1): grouping by Period boxes every row."""
    dates = pd.to_datetime(needs["fecha"], errors="coerce")
    months = dates[dates.notna()]
    return months.dt.year * 12 + months.dt.month - 1


def timeline_step(needs: pd.DataFrame) -> tuple[str, int]:
    """The step of a timeline of `needs` by date: the finest of month, quarter and year that gives at most
    CROWDED bars between the first and the last date."""
    key = _month_numbers(needs)
    span = int(key.max() - key.min() + 1) if len(key) else 1
    return next(((name, size) for name, size in STEPS if -(-span // size) <= CROWDED), STEPS[-1])


def _period_label(start: int, size: int) -> str:
    """«nov 2017», «T4 2017» (a quarter) or «2017»."""
    year, month = divmod(start, 12)
    return {1: f"{MONTHS[month]} {year}", 3: f"T{month // 3 + 1} {year}"}.get(size, str(year))


def timeline(needs: pd.DataFrame, by: str = "mes", split: str | None = None,
             index: TextIndex | None = None) -> pd.DataFrame:
    """Needs per month («nov 2017», every month between the first and the last, zeros kept; per quarter or
    year when months would be too many, `timeline_step`) or per event (in the order of their first date):
    [periodo, necesidades] or, with `split` (a field or "tema"), one column per value of it. Needs without a
    date are left out of the months.
    """
    if by == "mes":
        _, size = timeline_step(needs)
        months = _month_numbers(needs)
        dated = needs.loc[months.index]
        key = months // size * size
        periods = list(range(int(key.min()), int(key.max()) + 1, size)) if len(key) else []
        labels = {p: _period_label(p, size) for p in periods}
    else:
        dated = needs[needs["evento"] != ""]
        first = pd.to_datetime(dated["fecha"], errors="coerce").groupby(dated["evento"]).min()
        periods = list(first.sort_values(kind="stable", na_position="last").index)
        key = dated["evento"]
        labels = {p: p for p in periods}
    if split is None:
        table = key.value_counts().reindex(periods, fill_value=0).rename("necesidades").to_frame()
    elif split == "tema":
        table = (index or _index_of(dated)).temas.loc[dated.index].groupby(key.to_numpy()).sum()
        table = table.reindex(periods, fill_value=0).astype(int)
    else:
        table = tally(key, dated[split]).reindex(periods, fill_value=0)
    table.index = [labels[p] for p in table.index]
    return table.rename_axis("periodo").reset_index()


def _index_of(needs: pd.DataFrame) -> TextIndex:
    from analysis.view.textindex import build_text_index
    return build_text_index(needs)


@dataclass(frozen=True)
class UploadAdditions:
    """What one upload adds to everything stored before it."""

    necesidades: int
    nuevos_departamentos: list[str]  # departamentos with no need stored before
    nuevos_municipios: list[str]  # «Municipio (Departamento)» with no need stored before
    nuevos_temas: list[str]  # themes no stored need had
    conocidas: int  # needs of the upload whose recurring-need group was already stored
    necesidades_conocidas: pd.DataFrame  # [necesidad, en_la_carga, antes] per known group, most repeated first

    @property
    def nuevas(self) -> int:
        return self.necesidades - self.conocidas


def upload_additions(needs: pd.DataFrame, index: TextIndex, upload_id: int) -> UploadAdditions:
    """The needs of upload `upload_id` against those of the uploads stored before it (smaller ids)."""
    new = needs[needs["upload_id"] == upload_id]
    old = needs[needs["upload_id"] < upload_id]

    def places(frame: pd.DataFrame) -> set[str]:
        return set(frame["departamento"]) - {SIN_ESPECIFICAR}

    def municipios(frame: pd.DataFrame) -> set[str]:
        named = frame[frame["municipio"] != ""]
        return set(named["municipio"] + " (" + named["departamento"] + ")")

    def themed(frame: pd.DataFrame) -> set[str]:
        flags = index.temas.loc[frame.index]
        return set(flags.columns[flags.any().to_numpy()])

    old_groups, new_groups = index.grupo.loc[old.index], index.grupo.loc[new.index]
    known = new_groups.isin(set(old_groups))
    table = compare_needs(old[old_groups.isin(set(new_groups)).to_numpy()], new[known.to_numpy()], index)
    table = table.rename(columns={"despues": "en_la_carga"}).sort_values(["en_la_carga", "antes"], ascending=False,
                                                                         kind="stable")
    order = list(ORDERS["departamento"])
    return UploadAdditions(
        necesidades=len(new), nuevos_departamentos=sorted(places(new) - places(old), key=order.index),
        nuevos_municipios=sorted(municipios(new) - municipios(old)),
        nuevos_temas=[t for t in index.temas.columns if t in themed(new) - themed(old)],
        conocidas=int(known.sum()),
        necesidades_conocidas=table[["necesidad", "en_la_carga", "antes"]].reset_index(drop=True),
    )
