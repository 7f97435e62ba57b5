"""Lines of an official form that are neither needs nor errors: column numbers, units, instructions, signatures.

Government forms print under their header a row of column numbers («(1) (2) (3)…») or of units («(texto)»,
«(dd/mm/aaaa)»), carry instruction lines («Instrucciones: escriba una necesidad por fila»), and end with a
signature block («Elaborado por», «Vo. Bo.», «Firma y sello», a name and a post over a line of underscores).
Read as rows they would be rejected as needs without a description; these rules recognise them by what they
say, so they are set aside with a note instead.
"""
import re

from analysis.text import normalize

_NUMBERED = re.compile(r"^[(\[]?(?:\d{1,2}|[a-z])[)\].]?$")
_UNITS = re.compile(r"^[(\[].{1,24}[)\]]$|^(?:q|gtq|%|no|num|numero|unidades?|texto|fecha|dd ?mm ?aaaa|si ?no|x)$")
_INSTRUCTION_START = ("instrucciones", "instruccion", "indicaciones", "llene", "llenar", "complete", "escriba", "anote",
                      "marque", "utilice", "use una fila", "una fila por", "no modifique", "no cambie", "nota importante")
_SIGNATURE = re.compile(r"^(?:elaborado|elaboro|revisado|reviso|aprobado|aprobo|autorizado|autorizo|vo ?bo|visto bueno|"
                        r"firma|firmas|nombre y firma|firma y sello|sello|cargo|nombre y cargo|responsable del llenado|"
                        r"lugar y fecha|f)\b")
_RULE = re.compile(r"^[_\-–—.\s]{4,}$")


def is_column_numbers(cells: list[str]) -> bool:
    """«(1) | (2) | (3) …» or «1 | 2 | 3 …» or «a) | b) | c)»: three or more cells that only number columns."""
    filled = [normalize(c) or c.strip() for c in cells if c]
    raw = [c.strip().lower() for c in cells if c]
    return len(raw) >= 3 and all(_NUMBERED.match(c) for c in raw) and len(set(filled)) == len(filled)


def is_units_row(cells: list[str]) -> bool:
    """«(texto) | (número) | (dd/mm/aaaa)»: two or more short cells that say what to write, not what was written."""
    raw = [c.strip().lower() for c in cells if c]
    return len(raw) >= 2 and all(len(c) <= 26 and (_UNITS.match(c) or _UNITS.match(normalize(c))) for c in raw)


def is_instruction(cells: list[str]) -> bool:
    """A line of one cell that tells the person filling the form what to do."""
    filled = [c for c in cells if c]
    return len(filled) == 1 and normalize(filled[0]).startswith(_INSTRUCTION_START)


def is_signature(cells: list[str]) -> bool:
    """A line of a signature block: «Elaborado por: ____ | Revisado por: ____ | Vo. Bo.», «Firma y sello»: short
    cells, at least half of them the words of a signature or a rule of underscores to sign on."""
    filled = [c for c in cells if c]
    if not filled or len(filled) > 8 or any(len(c) >= 60 for c in filled):
        return False
    marks = sum(1 for c in filled if _RULE.match(c) or _SIGNATURE.match(normalize(c)) and (":" in c or len(c) < 30))
    return marks > 0 and 2 * marks >= len(filled)
