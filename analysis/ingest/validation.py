"""The validation policy: which rows become needs, which are rejected, and why.

A row is rejected when it has no description, when a controlled value (departamento,
municipio, nivel, ámbito) is written but not recognised, when municipio and
departamento contradict each other, or when a municipio name shared by two
departments comes without its departamento. A controlled value left blank is kept
as «Sin especificar» with a warning. Each distinct value is recognised once, so a
100,000-row table costs a few hundred look-ups, not a million.
"""
from dataclasses import dataclass

import pandas as pd

from analysis.fields import reference
from analysis.fields.dates import month_first_evidence, parse_fecha, parse_month
from analysis.fields.places import resolve_place
from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.fields.values import (
    prioridad_scale,
    recognise_ambito,
    recognise_estado,
    recognise_nivel,
    recognise_prioridad,
    suggest,
)
from analysis.ingest.corrections import Corrections
from analysis.ingest.corrections import apply as apply_corrections
from analysis.ingest.problems import ERROR, Problem
from analysis.layouts.columns import FIELD_LABELS
from analysis.layouts.tables import Table
from analysis.store.schema import NEED_COLUMNS
from analysis.text import clean_cell, normalize, normalize_series

# Cell contents that mean "nothing written here".
PLACEHOLDERS = {"", "n a", "na", "s d", "sd", "sin dato", "sin datos", "no aplica", "ninguno", "ninguna",
                "nan", "none", "null"}

_PLACEHOLDER_MAX = max(map(len, PLACEHOLDERS)) + 4  # longer cells are never placeholders


_INSTITUTION_ACRONYMS = {"pnc", "conred", "mingob", "sie", "mindef", "sat", "mp", "sosep", "sbs", "ine", "dgm",
                         "digici", "sgaia", "conap", "insivumeh", "mides", "mspas", "mineduc", "codede",
                         "comude", "cocode", "sesan", "seprem"}


@dataclass
class ValidatedTable:
    needs: pd.DataFrame  # accepted rows, NEED_COLUMNS
    problems: list[Problem]
    rows_rejected: int
    rows_warned: int


def _text_column(table: Table, name: str) -> list[str]:
    """Cleaned text of one field's column ('' where blank or a placeholder such as «N/A»)."""
    match = table.column_of(name)
    if match is None:
        return [""] * len(table.rows)
    i = match.index
    raw = [row[i] if i < len(row) else "" for row in table.rows]
    cleaned = {value: clean_cell(value) for value in set(raw)}
    cleaned = {k: ("" if len(v) <= _PLACEHOLDER_MAX and normalize(v) in PLACEHOLDERS else v)
               for k, v in cleaned.items()}
    return [cleaned[value] for value in raw]


def _describe(suggestion: str | None) -> str:
    return f' ¿Quiso decir «{suggestion}»?' if suggestion else ""


def _institucion(text: str) -> str:
    return text.upper() if normalize(text) in _INSTITUTION_ACRONYMS else text


def _dates(column: pd.Series, sheet: str, header: str, problems: list[Problem]) -> pd.Series:
    """Each distinct date read once: day first unless the column proves to be month first, a month
    alone («noviembre 2017») as its first day; one sheet-level warning for each of those readings."""
    distinct = [v for v in column.unique() if v]
    evidence = month_first_evidence(distinct)
    days = {v: parse_fecha(v, month_first=evidence is not None) for v in distinct}
    months = {v: month for v, day in days.items() if day is None and (month := parse_month(v))}
    if evidence:
        problems.append(Problem("fechas-mes-primero", sheet, None, header, evidence,
                                f"La columna «{header}» escribe las fechas con el mes primero (p. ej. «{evidence}»): "
                                "se leyeron como mes/día/año.", "fecha"))
    if months:
        count, example = int(column.isin(list(months)).sum()), next(iter(months))
        problems.append(Problem("fechas-solo-mes", sheet, None, header, example,
                                f"{count} {'fecha indica' if count == 1 else 'fechas indican'} solo el mes y el año "
                                f"(p. ej. «{example}»): se guarda{'' if count == 1 else 'n'} como el día 1 de ese mes.",
                                "fecha"))
    return column.map({**days, **months, "": None})


def validate_table(table: Table, corrections: Corrections | None = None) -> ValidatedTable:
    """Canonical needs of a table plus every error and warning, by spreadsheet row.

    `corrections` replace values as written before anything is recognised (see `analysis.ingest.corrections`).
    """
    text = {name: _text_column(table, name) for name in FIELD_LABELS if name != "region"}
    frame = pd.DataFrame(text)
    frame["fila"] = table.row_numbers
    headings = pd.DataFrame(table.sections or [{}] * len(frame), index=frame.index)
    problems: list[Problem] = []
    errors: dict[int, list[Problem]] = {}
    warned: set[int] = set()

    def header(name: str) -> str:
        match = table.column_of(name)
        return match.header if match else FIELD_LABELS[name]

    def flag(position: int, code: str, name: str, value: str, message: str) -> None:
        problem = Problem(code, table.sheet, int(frame["fila"].iat[position]), header(name), value, message, name)
        if problem.severity == ERROR:
            errors.setdefault(position, []).append(problem)
        else:
            warned.add(position)
            problems.append(problem)

    # Rows with nothing in any mapped column (a numbered but empty template row) are not needs.
    filled = (frame[list(text)] != "").any(axis=1)
    frame, headings = frame[filled].reset_index(drop=True), headings[filled].reset_index(drop=True)
    for name in headings.columns:  # a heading row («SEGURIDAD INTERIOR») speaks for the rows below it
        blank = (frame[name] == "") & headings[name].notna()
        frame.loc[blank, name] = headings.loc[blank, name]
    for name, value in table.defaults.items():
        frame.loc[frame[name] == "", name] = value
    for name, original, new, count in apply_corrections(frame, corrections or {}):
        problems.append(Problem("valor-corregido", table.sheet, None, header(name), original,
                                f"Corregido en la carga: «{original}» → «{new}» "
                                f"({count} {'fila' if count == 1 else 'filas'}).", name, new))

    for position in frame.index[frame["necesidad"] == ""]:
        flag(position, "necesidad-vacia", "necesidad", "", "La fila no tiene descripción de la necesidad.")

    # Places: each distinct (departamento, municipio) pair is resolved once.
    pairs = frame[["departamento", "municipio"]].drop_duplicates()
    resolved = {(d, m): resolve_place(d, m) for d, m in pairs.itertuples(index=False)}
    noted = {pair for pair, p in resolved.items() if p.campo_error or p.aviso or p.departamento == SIN_ESPECIFICAR}
    row_pairs = list(zip(frame["departamento"], frame["municipio"]))
    for position, pair in enumerate(row_pairs):
        if pair not in noted:
            continue
        place = resolved[pair]
        if place.campo_error:
            flag(position, place.codigo_error, place.campo_error, frame.at[position, place.campo_error], place.error)
        elif place.departamento == SIN_ESPECIFICAR:
            flag(position, "valor-vacio", "departamento", "",
                 f"Departamento vacío: se guarda como «{SIN_ESPECIFICAR}».")
        if place.aviso and not place.campo_error:
            flag(position, "codigo-contradicho", place.campo_aviso, frame.at[position, place.campo_aviso], place.aviso)
    columns = {pair: (p.departamento, p.departamento_codigo, p.municipio, p.municipio_codigo)
               for pair, p in resolved.items()}
    out = pd.DataFrame([columns[pair] for pair in row_pairs],
                       columns=["departamento", "departamento_codigo", "municipio", "municipio_codigo"])
    out["region"] = out["departamento"].map(reference.region_of_departamento()).fillna(SIN_ESPECIFICAR)

    for name, recognise, choices in (("nivel", recognise_nivel, list(reference.NIVELES)),
                                     ("ambito", recognise_ambito, list(reference.AMBITOS))):
        lookup = {v: (recognise(v) if v else SIN_ESPECIFICAR) for v in frame[name].unique()}
        out[name] = frame[name].map(lookup)
        for position in out.index[out[name].isna()]:
            value = frame.at[position, name]
            flag(position, "valor-no-reconocido", name, value, f"{FIELD_LABELS[name]} no reconocido: «{value}». "
                 f"Valores válidos: {', '.join(choices)}.{_describe(suggest(value, choices))}")
        if table.column_of(name) is not None:
            for position in out.index[frame[name] == ""]:
                flag(position, "valor-vacio", name, "", f"{FIELD_LABELS[name]} vacío: se guarda como «{SIN_ESPECIFICAR}».")

    scale = prioridad_scale(frame["prioridad"].unique())
    lookup = {v: recognise_prioridad(v, scale) if v else "" for v in frame["prioridad"].unique()}
    out["prioridad"] = frame["prioridad"].map(lookup)
    for position in out.index[out["prioridad"].isna()]:
        flag(position, "prioridad-no-reconocida", "prioridad", frame.at[position, "prioridad"],
             "Prioridad no reconocida (use Alta, Media o Baja): se deja vacía.")
    out["prioridad"] = out["prioridad"].fillna("")

    out["fecha"] = _dates(frame["fecha"], table.sheet, header("fecha"), problems)
    for position in out.index[out["fecha"].isna() & (frame["fecha"] != "")]:
        flag(position, "fecha-no-reconocida", "fecha", frame.at[position, "fecha"],
             "Fecha no reconocida (escriba día/mes/año, p. ej. 09/11/2017): se deja vacía.")

    out["necesidad"] = frame["necesidad"]
    out["clave"] = normalize_series(frame["necesidad"])
    out["institucion"] = frame["institucion"].map({v: _institucion(v) for v in frame["institucion"].unique()})
    out["evento"] = frame["evento"]
    out["estado"] = frame["estado"].map({v: recognise_estado(v) if v else "" for v in frame["estado"].unique()})
    out["hoja"] = table.sheet
    out["fila"] = frame["fila"]

    for name in ("nivel", "ambito"):
        unnamed = int((frame[name] == "").sum())
        if table.column_of(name) is None and unnamed:
            problems.append(Problem("columna-ausente", table.sheet, None, None, "",
                                    f"La hoja no tiene columna de {FIELD_LABELS[name]}: {unnamed} de sus necesidades "
                                    f"se guardan como «{SIN_ESPECIFICAR}»."))
    rejected = sorted(errors)
    for position in rejected:
        problems.extend(errors[position])
    problems.sort(key=lambda p: (p.row or 0, p.severity != ERROR))
    accepted = out.drop(index=rejected)
    return ValidatedTable(
        needs=accepted[list(NEED_COLUMNS)].reset_index(drop=True),
        problems=problems,
        rows_rejected=len(rejected),
        rows_warned=len(warned - set(rejected)),
    )
