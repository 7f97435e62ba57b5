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

from analysis import fields
from analysis.fields import DROP, KEEP, REJECT, reference
from analysis.fields.dates import month_first_evidence, parse_fecha, parse_month
from analysis.fields.places import resolve_place
from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.fields.values import named_values, recognise, scale_of, suggest
from analysis.ingest.corrections import Corrections
from analysis.ingest.corrections import apply as apply_corrections
from analysis.ingest.problems import ERROR, Problem
from analysis.layouts.columns import FIELD_LABELS
from analysis.layouts.legends import Codes
from analysis.layouts.shapes.base import Rows
from analysis.layouts.tables import Table
from analysis.store.schema import NEED_COLUMNS
from analysis.text import clean_cell, normalize, normalize_series

# Cell contents that mean "nothing written here" (compared normalised; RAW_PLACEHOLDERS as written).
PLACEHOLDERS = {"", "n a", "na", "s d", "sd", "sin dato", "sin datos", "no aplica", "ninguno", "ninguna",
                "nan", "none", "null", "n d", "nd", "no disponible", "sin informacion", "sin especificar", "no indica",
                "no especificado", "no especificada"}
RAW_PLACEHOLDERS = {"\\N", "#N/A", "#N/D", "#¡VALOR!", "#VALUE!", "#REF!", "#NULL!"}

_PLACEHOLDER_MAX = max(map(len, PLACEHOLDERS)) + 4  # longer cells are never placeholders


@dataclass
class ValidatedTable:
    needs: pd.DataFrame  # accepted rows, NEED_COLUMNS
    problems: list[Problem]
    rows_rejected: int
    rows_warned: int


def _cleaned(raw: list) -> list[str]:
    """Cleaned text of one field's values ('' where blank or a placeholder such as «N/A», «NULL», «\\N»)."""
    cleaned = {value: clean_cell(value) for value in set(raw)}
    cleaned = {k: ("" if len(v) <= _PLACEHOLDER_MAX and (normalize(v) in PLACEHOLDERS or v in RAW_PLACEHOLDERS)
                   else v) for k, v in cleaned.items()}
    return [cleaned[value] for value in raw]


def _describe(suggestion: str | None) -> str:
    return f' ¿Quiso decir «{suggestion}»?' if suggestion else ""


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


def _by_position(field: fields.Field, written: pd.Series) -> dict[str, str] | None:
    """Numbers 1…n standing for a list's values in the catalogue's order (the law's: 1 = Nacional … 5 =
    Comunitario; 1 = Seguridad Interior …), as statistics packages export coded answers; None unless every
    value written is such a number (a field with numeric scales, prioridad, reads its scales instead)."""
    distinct = {v for v in written.unique() if v}
    if field.scales or not distinct or not all(v.isdigit() and 1 <= int(v) <= len(field.values) for v in distinct):
        return None
    return {v: field.values[int(v) - 1] for v in distinct}


def _list_values(field: fields.Field, written: pd.Series, flag, has_column: bool, note) -> pd.Series:
    """The stored values of one list field (nivel, ámbito, prioridad, estado), each distinct value recognised once.

    A value that is none of the field's values follows the catalogue's `si_no_se_reconoce`: it rejects the row
    (with a suggestion), is dropped with a warning, or is kept as written. A blank value of a field that must be
    recognised is stored as its blank word («Sin especificar»), with a warning when the sheet has the column.
    """
    if positions := _by_position(field, written):
        order = ", ".join(f"{n} = {v}" for n, v in enumerate(field.values, start=1))
        note("valores-numericos", field.key, next(iter(positions)),
             f"La columna de {field.label} escribe números: se leyeron en el orden del catálogo ({order}). Si el "
             "archivo usa otro orden, corrija los valores en la carga.")
        written = written.map(lambda v: positions.get(v, v))
    scale = scale_of(field, written.unique())
    stored = written.map({v: recognise(field, v, scale) if v else field.stored_blank for v in written.unique()})
    choices = list(field.values)
    for position in stored.index[stored.isna()]:
        value = written.at[position]
        if len(several := named_values(field, value)) > 1:
            stored.at[position] = field.stored_blank
            flag(position, "valores-varios", field.key, value, f"{field.label}: la fila da {len(several)} valores "
                 f"({', '.join(sorted(several))}); se guarda como «{field.blank}».")
        elif field.unrecognised == REJECT:
            flag(position, "valor-no-reconocido", field.key, value, f"{field.label} no reconocido: «{value}». "
                 f"Valores válidos: {', '.join(choices)}.{_describe(suggest(value, choices))}")
        elif field.unrecognised == DROP:
            flag(position, "valor-descartado", field.key, value,
                 f"{field.label}: «{value}» no es {_or(choices)}; se deja vacío.")
    if field.unrecognised == KEEP:
        stored = stored.fillna(written)
    if field.unrecognised == REJECT and has_column:
        for position in stored.index[written == ""]:
            flag(position, "valor-vacio", field.key, "", f"{field.label} vacío: se guarda como «{field.blank}».")
    return stored.fillna("")


def _or(values: list[str]) -> str:
    """«Alta, Media o Baja»."""
    return ", ".join(values[:-1]) + f" o {values[-1]}" if len(values) > 1 else "".join(values)


def validate_table(table: Table, corrections: Corrections | None = None) -> ValidatedTable:
    """`validate_rows` of a table read by the shape that fits it best."""
    from analysis.layouts.shapes import fitting
    return validate_rows(fitting(table)[0].shape.read(table), corrections)


def validate_rows(rows: Rows, corrections: Corrections | None = None, codes: Codes | None = None,
                  stated: dict[str, str] | None = None) -> ValidatedTable:
    """Canonical needs of a table read by its shape, plus every error and warning, by spreadsheet row.

    `corrections` replace values as written before anything is recognised (see `analysis.ingest.corrections`);
    `codes` translate the values a legend of the workbook explains («SI» → Seguridad Interior); `stated` are
    values the analyst set for the whole file, for the rows that do not say them.
    """
    text = {name: _cleaned(rows.values[name]) for name in FIELD_LABELS if name != "region"}
    frame = pd.DataFrame(text)
    frame["fila"] = rows.rows
    headings = pd.DataFrame(rows.sections or [{}] * len(frame), index=frame.index)
    problems: list[Problem] = []
    errors: dict[int, list[Problem]] = {}
    warned: set[int] = set()

    def header(name: str) -> str:
        return rows.headers.get(name, FIELD_LABELS[name])

    def sheet_note(code: str, name: str, value: str, message: str) -> None:
        problems.append(Problem(code, rows.sheet, None, header(name), value, message, name))

    def flag(position: int, code: str, name: str, value: str, message: str) -> None:
        problem = Problem(code, rows.sheet, int(frame["fila"].iat[position]), header(name), value, message, name)
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
    for name, value in {**rows.defaults, **(stated or {})}.items():
        frame.loc[frame[name] == "", name] = value
    for name, original, new, count in apply_corrections(frame, corrections or {}):
        problems.append(Problem("valor-corregido", rows.sheet, None, header(name), original,
                                f"Corregido en la carga: «{original}» → «{new}» "
                                f"({count} {'fila' if count == 1 else 'filas'}).", name, new))
    if codes:
        codes.translate(frame)

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

    for field in fields.controlled_fields():
        out[field.key] = _list_values(field, frame[field.key], flag, field.key in rows.headers, sheet_note)

    out["fecha"] = _dates(frame["fecha"], rows.sheet, header("fecha"), problems)
    for position in out.index[out["fecha"].isna() & (frame["fecha"] != "")]:
        flag(position, "fecha-no-reconocida", "fecha", frame.at[position, "fecha"],
             "Fecha no reconocida (escriba día/mes/año, p. ej. 09/11/2017): se deja vacía.")

    out["necesidad"] = frame["necesidad"]
    out["clave"] = normalize_series(frame["necesidad"])
    acronyms = {normalize(a) for a in fields.get("institucion").acronyms}  # «pnc» is written PNC
    out["institucion"] = frame["institucion"].map({v: v.upper() if normalize(v) in acronyms else v
                                                   for v in frame["institucion"].unique()})
    out["evento"] = frame["evento"]
    out["hoja"] = rows.sheet
    out["fila"] = frame["fila"]

    for field in fields.controlled_fields():
        unnamed = int((frame[field.key] == "").sum())
        if field.unrecognised == REJECT and field.key not in rows.headers and unnamed:
            problems.append(Problem("columna-ausente", rows.sheet, None, None, "",
                                    f"La hoja no tiene columna de {field.label}: {unnamed} de sus necesidades "
                                    f"se guardan como «{field.blank}»."))
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
