"""Hostile files built in code: the inputs an attacker (or a badly broken export) can send.

Each one is tiny on disk and enormous, slow or broken once read; the tests check that every
one is refused in Spanish, within bounded time and memory, and that nothing else suffers.
"""
import io
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook '
             'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                  'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                  'Target="sharedStrings.xml"/></Relationships>')
_SHEET_START = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_EMPTY_STRINGS = ('<?xml version="1.0" encoding="UTF-8"?><sst '
                  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')


def _workbook(sheet_parts, strings_parts=(_EMPTY_STRINGS,)) -> bytes:
    """A minimal .xlsx whose sheet and shared strings are written from the given pieces, streamed
    through the compressor so a part of hundreds of megabytes never sits in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, text)
        for name, parts in (("xl/worksheets/sheet1.xml", sheet_parts), ("xl/sharedStrings.xml", strings_parts)):
            with archive.open(name, "w", force_zip64=True) as part:
                for piece in parts:
                    part.write(piece.encode() if isinstance(piece, str) else piece)
    return buffer.getvalue()


def corner_cell_xlsx() -> bytes:
    """A 1 KB workbook whose one cell sits at XFD1048576, the last cell a sheet can have, with the
    used range declared as the whole sheet."""
    return _workbook([_SHEET_START, '<dimension ref="A1:XFD1048576"/><sheetData>',
                      '<row r="1"><c r="A1"><v>1</v></c></row>'
                      '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'])


def long_string_xlsx(megabytes: int = 400) -> bytes:
    """A workbook of a few hundred KB whose header cell is one shared string of `megabytes` MB."""
    chunk = b"A" * (1 << 20)
    strings = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               '2006/main" count="2" uniqueCount="2"><si><t>', *(chunk for _ in range(megabytes)),
               "</t></si><si><t>Necesidad</t></si></sst>"]
    return _workbook([_SHEET_START, '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v>'
                      '</c></row></sheetData></worksheet>'], strings)


def empty_cells_ods(rows: int = 12_208, columns: int = 16_384) -> bytes:
    """A 1 KB LibreOffice sheet that declares rows × columns styled cells (200 M by default) through
    its repeat counts: each repeated row is empty but for its last cell."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Hoja1">'
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:style-name="ce1" '
        f'table:number-columns-repeated="{columns - 1}"/><table:table-cell office:value-type="string">'
        '<text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def wide_csv(columns: int = 100_000, rows: int = 10) -> bytes:
    """A CSV of `columns` columns (13 MB by default): a header of them and a few rows of data."""
    header = ",".join(["Departamento", "Necesidad", *(f"Columna {i}" for i in range(columns - 2))])
    line = ",".join(["Petén", "Falta de patrullajes en las aldeas", *("x" for _ in range(columns - 2))])
    return "\n".join([header, *([line] * rows)]).encode()


def long_cell_xlsx(characters: int = 200_000) -> bytes:
    """A workbook whose header cell holds `characters` characters of varied text (it compresses little)."""
    import random
    text = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz áéíóúñ", k=characters))
    strings = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               f'2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>']
    return _workbook([_SHEET_START, '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
                      '</worksheet>'], strings)


def impossible_dimensions_xls() -> bytes:
    """A 5 KB .xls (built with xlwt) whose DIMENSIONS record was damaged to declare 4,294,967,295 rows:
    python-calamine reserves room for all of them and aborts the process it runs in."""
    from tests.builders import need, xls
    data = bytearray(xls([need(), need(departamento="Izabal")]))
    record = data.index(b"\x00\x02\x0e\x00")  # DIMENSIONS: first row, last row + 1, first column, last column + 1
    data[record + 8:record + 12] = b"\xff\xff\xff\xff"
    return bytes(data)


def password_xlsx(password: str = "secreto") -> bytes:
    """A workbook saved with a password (an OLE container holding the encrypted package), as Excel writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    from tests.builders import need, simple_xlsx
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(simple_xlsx([need()]))).encrypt(password, encrypted)
    return encrypted.getvalue()
