"""The theme, recurrence, comparison and priority frames as the analyst reads them on screen.

The analysis modules return frames with the canonical column names the code and the tests
use; the pages show them with Spanish headers, dates day first and only the columns that
matter, shaped here so that no page formats or counts anything itself.
"""
import re

import pandas as pd

from analysis import fields
from analysis.text import normalize
from analysis.view import comparison, priority, recurrence, suggested_words, tagging, theme_discovery, themes
from analysis.view.textindex import TextIndex


def definitions_table() -> pd.DataFrame:
    """The theme dictionary: [Tema, Definición, Palabras, Jerga]."""
    return themes.definitions().rename(columns={"tema": "Tema", "definicion": "Definición", "palabras": "Palabras",
                                                "jerga": "Jerga"})


def _spellings(text: str) -> dict[str, str]:
    """Each normalised word of a description -> the word as the description writes it (lower case)."""
    found = {}
    for word in re.findall(r"\w+", str(text).lower()):
        for token in normalize(word).split():
            found.setdefault(token, word)
    return found


def _why(reason: tagging.Reason, spellings: dict[str, str]) -> str:
    if reason.kind == tagging.WORDS:
        return "palabras: " + ", ".join(dict.fromkeys(spellings.get(t, t) for t in reason.detail.split()))
    if reason.kind == tagging.MODEL:
        return f"modelo (confianza {reason.detail})"
    who, _, when = reason.detail.rpartition(" ")
    return f"{'agregado' if reason.kind == tagging.ADDED else 'quitado'} por {who} el {when}"


def reasons_table(necesidad: str, razones: str) -> pd.DataFrame:
    """Why a need has each of its themes: [Tema, Por qué] («palabras: extorsión, pilotos», «modelo (confianza
    0.82)», «agregado por ana el 02/12/2026»); a theme an analyst removed is listed as removed."""
    spellings = _spellings(necesidad)
    reasons = tagging.decode(razones)
    return pd.DataFrame({"Tema": [r.tema for r in reasons], "Por qué": [_why(r, spellings) for r in reasons]},
                        columns=["Tema", "Por qué"])


def suggested_words_table(corrections: pd.DataFrame) -> pd.DataFrame:
    """The words the corrections suggest for the dictionary: [Tema, Palabra, Sugerencia, Necesidades, Ejemplo]."""
    table = suggested_words.suggested_words(corrections)
    spelled = [_spellings(example).get(word, word) for word, example in zip(table["palabra"], table["ejemplo"])]
    return pd.DataFrame({"Tema": table["tema"], "Palabra": spelled, "Sugerencia": table["sugerencia"],
                         "Necesidades": table["necesidades"], "Ejemplo": table["ejemplo"]})


def recurring_label(row) -> str:
    """How one recurring need is offered in a choice: «Falta de agentes de la PNC — 9 departamentos»."""
    count = int(row["departamentos"])
    return f"{row['necesidad']} — {count} departamento{'s' if count != 1 else ''}"


MEMBERS_SHOWN = 1_000  # a table longer than this is read in Explorar, not here
# The priority tables' columns on screen; the priority levels keep their names, the ones priority.formula() writes.
PRIORITY_COLUMNS = {"pendientes": "Pendientes", "puntaje": "Puntaje", "atendidas": "Atendidas"}


def members_table(needs: pd.DataFrame, index: TextIndex, group: int) -> pd.DataFrame:
    """The needs of one recurring group, the first MEMBERS_SHOWN by departamento:
    [Departamento, Municipio, Evento, Fecha, Necesidad]."""
    inside = recurrence.members(needs, index.grupo, group).head(MEMBERS_SHOWN)
    return pd.DataFrame({
        "Departamento": inside["departamento"], "Municipio": inside["municipio"].replace("", None),
        "Evento": inside["evento"].replace("", None),
        "Fecha": pd.to_datetime(inside["fecha"], errors="coerce").dt.strftime("%d/%m/%Y"),  # day first; NaT stays empty
        "Necesidad": inside["necesidad"],
    }).reset_index(drop=True)


def group_needs(needs: pd.DataFrame, index: TextIndex, group: int) -> pd.DataFrame:
    """The needs in view of one recurring group, its most frequent wording first (whose themes stand for it)."""
    inside = recurrence.members(needs, index.grupo, group)
    order = inside["necesidad"].map(inside["necesidad"].value_counts()).sort_values(ascending=False, kind="stable")
    return inside.loc[order.index]


def new_themes_table(needs: pd.DataFrame, index: TextIndex) -> pd.DataFrame:
    """Possible new themes among the needs in view: [Palabras principales, Necesidades, Ejemplo]."""
    return theme_discovery.new_theme_groups(needs, index.tema_nuevo).rename(
        columns={"tema_nuevo": "Palabras principales", "necesidades": "Necesidades", "ejemplo": "Ejemplo"})


def changes_table(sides: comparison.Sides, index: TextIndex) -> pd.DataFrame:
    """Each need in either set, new ones first: [Necesidad, <first set>, <second set>, Cambio, Situación]."""
    table = comparison.compare_needs(sides.before, sides.after, index)
    return pd.DataFrame({"Necesidad": table["necesidad"], sides.antes: table["antes"], sides.despues: table["despues"],
                         "Cambio": table["cambio"], "Situación": table["situacion"]})


def situation_counts(changes: pd.DataFrame) -> dict[str, int]:
    """How many needs are new, disappeared, grew, fell or stayed ({situación: count}, every situación listed)."""
    counted = changes["Situación"].value_counts()
    return {s: int(counted.get(s, 0)) for s in (comparison.NEW, comparison.GONE, comparison.GREW, comparison.FELL,
                                                 comparison.SAME)}


def act_first_table(needs: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The departamento × ámbito pairs to act on first: [Departamento, Ámbito, Alta, Media, Baja, Sin prioridad,
    Pendientes, Puntaje], the priority columns counting pending needs (the score's operands)."""
    table = priority.act_first(needs, n)
    return table.rename(columns={"departamento": fields.label("departamento"), "ambito": fields.label("ambito"),
                                 **PRIORITY_COLUMNS})


def priority_table(needs: pd.DataFrame, by: str, filters=None) -> pd.DataFrame:
    """Needs per priority and the score of each value of `by`, highest score first."""
    table = priority.priority_matrix(needs, by, filters)
    return table.rename(columns={by: fields.label(by), **PRIORITY_COLUMNS})
