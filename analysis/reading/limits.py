"""How much an uploaded file may cost to read: the limits of the sandbox, in one place.

A spreadsheet is untrusted input. These limits bound what reading one may take, so that no
file, however it is built, can stop the dashboard or exhaust the machine: memory and time
of the child process that parses it (`analysis.ingest.sandbox`), and the size of what it holds,
checked from the file's own structure before anything large is built (`analysis.reading.structure`)
and again on the grid that was read. Rows, columns and text per cell are Excel's own limits,
so nothing Excel can save is refused for its shape.

Each limit can be changed with an environment variable (README, «Límites de lectura»).
"""
import os
from dataclasses import dataclass, fields

from analysis.formatting import format_int

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1536  # memory the parse may use beyond the interpreter it starts from
    seconds: int = 60  # wall-clock time to read and validate one file
    parallel: int = 2  # files read at once by one dashboard or command-line process
    rows: int = 1_048_576  # rows of a sheet, as in Excel
    columns: int = 16_384  # columns of a sheet, as in Excel (XFD)
    cells: int = 10_000_000  # cells of a sheet's grid, blank ones between data included
    cell_text: int = 32_767  # characters in one cell, as in Excel
    unpacked_mb: int = 1024  # what a workbook (a zip archive) holds once uncompressed
    parts: int = 10_000  # files inside a workbook's zip archive
    ratio: int = 100  # how many times a large part of a workbook may grow when uncompressed

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb * _MB

    @property
    def unpacked_bytes(self) -> int:
        return self.unpacked_mb * _MB

    def environment(self) -> dict[str, str]:
        """These limits as the environment variables that set them."""
        return {ENVIRONMENT[item.name]: str(getattr(self, item.name)) for item in fields(self)}

    @property
    def memory_words(self) -> str:
        """«1.5 GB», «512 MB»: the memory limit as the messages say it."""
        if self.memory_mb >= 1024:
            return f"{self.memory_mb / 1024:.1f}".removesuffix(".0") + " GB"
        return f"{format_int(self.memory_mb)} MB"


# The environment variable of each limit.
ENVIRONMENT = {
    "memory_mb": "TABLERO_LIMITE_MEMORIA_MB",
    "seconds": "TABLERO_LIMITE_SEGUNDOS",
    "parallel": "TABLERO_LECTURAS_SIMULTANEAS",
    "rows": "TABLERO_LIMITE_FILAS",
    "columns": "TABLERO_LIMITE_COLUMNAS",
    "cells": "TABLERO_LIMITE_CELDAS",
    "cell_text": "TABLERO_LIMITE_TEXTO_CELDA",
    "unpacked_mb": "TABLERO_LIMITE_DESCOMPRIMIDO_MB",
    "parts": "TABLERO_LIMITE_PARTES",
    "ratio": "TABLERO_LIMITE_COMPRESION",
}


def limits() -> Limits:
    """The limits in force: the defaults above, each overridden by its environment variable when
    that holds a positive whole number (anything else is ignored, never a reason not to start)."""
    chosen = {}
    for item in fields(Limits):
        value = os.environ.get(ENVIRONMENT[item.name], "").strip().replace(",", "").replace("_", "")
        if value.isdigit() and int(value) > 0:
            chosen[item.name] = int(value)
    return Limits(**chosen)
