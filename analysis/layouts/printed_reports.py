"""Lines of a sheet that belong to the report, not to its data.

A table printed as a report repeats on every page its title, its header and a
«Página 3 de 6» line, and ends with a TOTAL or «Total de registros: 25» line and
footnotes («Fuente: …»). None of them is a need; these rules recognise them by what
they say, so they are skipped wherever they fall.
"""
import re

_TOTAL = re.compile(
    r"^(?:sub ?total(?:es)?|total(?:es)?|gran total|suma(?: total)?|total general|conteo"
    r"|(?:numero|cantidad|no|n|nro|num) de (?:necesidades|filas|registros|casos))"
    r"(?: (?:de )?(?:necesidades|filas|registros|general|casos))?(?: \d+)*$"
)
_TOTAL_WORDS = ("total ", "totales ", "subtotal", "sub total", "gran total")
_NUMBERS = re.compile(r"^[\d ]*$")
_NOTE_PREFIXES = ("nota", "notas", "fuente", "elaborado", "elaboracion", "observacion", "observaciones", "impreso",
                  "fecha de impresion", "generado", "reporte generado", "printed", "generated")
# «Página 3 de 6», «Pág. 3/6», «Page 3 of 6», «Hoja 2», «Folio 14», «- 3 -».
_PAGE = re.compile(r"^(?:pagina|pag|page|hoja|folio|p) ?\d+(?: (?:de |of )?\d+)?$")
_DASHED_NUMBER = re.compile(r"^[-–—]\s*\d+\s*[-–—]$")


def is_page_marker(cell: str, key: str) -> bool:
    """`key` is the cell as `normalize` writes it."""
    return bool(_PAGE.match(key) or _DASHED_NUMBER.match(cell))


def is_total_or_note(cells: list[str], keys: list[str], necesidad_index: int) -> bool:
    """A TOTAL line (with or without its numbers, «Subtotal Petén: 5») or a footnote; also true
    for a blank row. `keys` are the cells as `normalize` writes them. A description that starts
    with «Total» («Total abandono del puesto de salud») is a need, not a total."""
    filled = [i for i, c in enumerate(cells) if c]
    if not filled:
        return True
    if any(_TOTAL.match(keys[i]) for i in filled):
        return True
    first = filled[0]
    described = necesidad_index < len(cells) and cells[necesidad_index] and \
        not _NUMBERS.match(keys[necesidad_index])
    if keys[first].startswith(_TOTAL_WORDS) and (not described or first == necesidad_index and
                                                 all(_NUMBERS.match(keys[i]) for i in filled if i != first)):
        return True  # «Total por ámbito | 3 | 2 | 5» under a matrix: a total whose label sits in the description
    if len(filled) == 1:
        return keys[first].startswith(_NOTE_PREFIXES) or cells[first].startswith("*")
    # «Observaciones: | Se acordó revisar…», «Fuente: | INE»: a labelled note, with no need in its column.
    return keys[first].startswith(_NOTE_PREFIXES) and cells[first].rstrip().endswith(":") and not described


def is_page_line(cells: list[str], keys: list[str], necesidad_index: int) -> bool:
    """A page header or footer: a page marker with at most two other cells (the report's
    name, a printing date) and no description."""
    filled = [i for i, c in enumerate(cells) if c]
    markers = [i for i in filled if is_page_marker(cells[i], keys[i])]
    if not markers or len(filled) - len(markers) > 2:
        return False
    return all(i in markers or i != necesidad_index for i in filled)


def line_key(keys: list[str]) -> tuple[str, ...]:
    """What a line says, wherever its cells sit (from its normalised cells): to recognise a title
    repeated on every page."""
    return tuple(k for k in keys if k)
