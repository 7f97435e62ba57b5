"""What a workbook holds, measured from its own structure before a parser builds anything.

A .xlsx, .xlsm or .ods file is a zip archive of XML parts. Its directory says how many parts
there are and how large each one is uncompressed, but it says what the file's author wrote:
the declared sizes are checked first (free, and most bombs stop there), then every part is
uncompressed here as a stream, counting its real size, while worksheets and shared strings
are measured as they flow past — their cells, how far right and down the values beyond
column ZZ go, the longest shared string. A sheet's declared `<dimension>` is never used: only
the cells count. A file over a limit is refused with a Spanish message naming the limit.

Archives that Python cannot open are left to the parser, which refuses them as it always
has; the sandbox (memory and time limits) holds for whatever these checks do not see.
"""
import io
import re
import zipfile
import zlib

from analysis.formatting import format_int
from analysis.reading.limits import Limits
from analysis.reading.refusals import DAMAGED_WORKBOOK, FileRefused

_CHUNK = 1 << 22
_LARGE_PART = 10 * 1024 * 1024  # parts smaller than this may compress as well as they like
# Cells with a value in a three-letter column (AAA = column 703 onwards).
_FAR_CELL = re.compile(rb'<c r="([A-Z]{3})(\d+)"[^>]*(?<!/)>')
_TAG = 256  # bytes carried from one chunk to the next so a cell's opening tag is never missed
# The most UTF-8 bytes a shared string of `cell_text` characters takes, with room for its markup.
_BYTES_PER_CHARACTER = 4
_MARKUP = 4096

# What zipfile raises on archives or parts it cannot read (damaged, encrypted, newer methods).
_UNREADABLE = (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError, NotImplementedError)
_AGAIN = "Ábralo en Excel o LibreOffice, quite lo que sobra y guárdelo de nuevo."


def _refuse(what: str, limit: str) -> FileRefused:
    return FileRefused(f"El archivo no se puede leer: {what}, y el límite es {limit}. {_AGAIN}")


def column_number(letters: bytes) -> int:
    """1 for A, 27 for AA, 16,384 for XFD."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a zip workbook (FileRefused) whose structure breaks a limit; anything else passes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except _UNREADABLE:
        return  # not an archive Python can open: the parser decides, inside the sandbox
    with archive:
        _check_declared(parts, limits)
        unpacked = 0
        for part in parts:
            try:
                unpacked += _check_part(archive, part, limits, unpacked)
            except zipfile.BadZipFile:  # a part whose size or checksum is not the one declared
                raise FileRefused(DAMAGED_WORKBOOK) from None
            except _UNREADABLE:
                continue  # damaged, encrypted or compressed in a way Python does not read: the parser decides


def _check_declared(parts: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(parts) > limits.parts:
        raise _refuse(f"el libro está hecho de {format_int(len(parts))} partes",
                      f"{format_int(limits.parts)} (un libro de Excel tiene unas decenas)")
    total = sum(part.file_size for part in parts)
    if total > limits.unpacked_bytes:
        raise _unpacked(total, limits)
    for part in parts:
        if part.file_size > _LARGE_PART and part.file_size > limits.ratio * max(part.compress_size, 1):
            raise _refuse(f"una parte del libro ({part.filename}) crece "
                          f"{format_int(part.file_size // max(part.compress_size, 1))} veces al descomprimirse",
                          f"{format_int(limits.ratio)} veces")


def _unpacked(size: int, limits: Limits) -> FileRefused:
    return _refuse(f"descomprimido ocupa más de {format_int(size // (1024 * 1024))} MB",
                   f"{format_int(limits.unpacked_mb)} MB")


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limits: Limits, before: int) -> int:
    """Uncompress one part as a stream, measuring it; its real size."""
    name = part.filename.lower()
    measure = (_SheetMeasure(limits) if name.startswith("xl/worksheets/") and name.endswith(".xml") else
               _StringsMeasure(limits) if name.endswith("sharedstrings.xml") else None)
    size = 0
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if before + size > limits.unpacked_bytes:
                raise _unpacked(before + size, limits)
            if measure:
                measure.feed(chunk)
    if measure:
        measure.finish()
    return size


class _SheetMeasure:
    """A worksheet's cells as its XML streams past: how many, and how far right and down its values go."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.cells = 0
        self.far_column = self.far_row = 0  # of the cells with a value beyond column ZZ
        self.far: bytes = b""  # the reference of the farthest of them, for the message
        self.tail = b""  # the end of the previous chunk, where a tag may have been cut in two

    def feed(self, chunk: bytes) -> None:
        self.cells += chunk.count(b"<c ") + chunk.count(b"<c>")
        if self.cells > self.limits.cells:
            raise _refuse(f"una hoja tiene más de {format_int(self.cells)} celdas",
                          f"{format_int(self.limits.cells)} celdas")
        joined, self.tail = self.tail + chunk, chunk[-_TAG:]
        for found in _FAR_CELL.finditer(joined):
            column, row = column_number(found[1]), int(found[2])
            if column * row > self.far_column * self.far_row:
                self.far = found[1] + found[2]
            self.far_column, self.far_row = max(self.far_column, column), max(self.far_row, row)

    def finish(self) -> None:
        """The grid is read dense from A1 to the farthest value (blank cells between included):
        a value far right and far down is a grid of billions of cells."""
        spread = self.far_column * self.far_row
        if spread > self.limits.cells:
            raise _refuse(f"una hoja tiene un dato en la celda {self.far.decode()}, y leerla hasta ahí ocuparía "
                          f"{format_int(spread)} celdas (borre esa celda si sobra)",
                          f"{format_int(self.limits.cells)} celdas")


class _StringsMeasure:
    """The shared strings as they stream past: the longest one, in bytes."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.run = 0  # bytes of the string still open at the end of the previous chunk
        self.longest = 0

    def feed(self, chunk: bytes) -> None:
        pieces = chunk.split(b"<si>")
        if len(pieces) == 1:
            self.run += len(chunk)
        else:
            self.longest = max(self.longest, self.run + len(pieces[0]), max(map(len, pieces[1:-1]), default=0))
            self.run = len(pieces[-1])
        self._check(max(self.longest, self.run))

    def finish(self) -> None:
        self._check(max(self.longest, self.run))

    def _check(self, longest: int) -> None:
        if longest > self.limits.cell_text * _BYTES_PER_CHARACTER + _MARKUP:
            raise _refuse(f"una celda tiene un texto de {format_int(longest // 1024)} KB",
                          f"{format_int(self.limits.cell_text)} caracteres por celda, como en Excel")
