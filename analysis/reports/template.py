"""The Excel template field teams fill in: drop-down lists, instructions, a frozen header.

A spreadsheet made from this template imports without a single mapping question,
and its drop-downs keep departamento, municipio, nivel, ámbito and prioridad
inside the reference lists.
"""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from analysis import fields
from analysis.fields import reference
from analysis.reports.exports import HEADER_FILL, HEADER_FONT
from analysis.reports.safe_cells import put

TEMPLATE_ROWS = 1000

INSTRUCTIONS = (
    "Plantilla para registrar necesidades de seguridad identificadas a nivel local",
    "",
    "1. Escriba una necesidad por fila en la hoja «Necesidades», a partir de la fila 2. Si prefiere escribir varias "
    "en una celda, numérelas (1. …  2. …): cada una se guarda por separado.",
    "2. Elija Departamento, Nivel, Ámbito, Prioridad y Estado de las listas desplegables.",
    "3. Municipio es opcional; si lo escribe, debe pertenecer al departamento de la fila.",
    "4. Necesidad es obligatoria: describa el problema o la necesidad en una o dos frases.",
    "5. Fecha: día/mes/año (por ejemplo 09/11/2017).",
    "6. No cambie los encabezados. Los títulos, totales, notas y firmas que agregue se omiten al cargar.",
    "7. Si usa códigos (SI, SE, GRDC, IE; 1, 2, 3), explíquelos en una hoja «Códigos»: se leen con ella.",
    "",
    "Niveles: " + ", ".join(f"{n} ({c})" for n, c in reference.NIVELES.items()),
    "Ámbitos (Decreto 18-2008): " + "; ".join(reference.AMBITOS),
)


def _columns() -> list[fields.Field]:
    """The template's columns: the catalogue's fields with a template width (`plantilla`), in its order."""
    return [f for f in fields.all_fields().values() if f.template_width]


def _lists() -> dict[str, list[str]]:
    """Field -> its drop-down values: the places of the reference tables, the values of each list field."""
    places = {"departamento": list(reference.departamentos().values()),
              "municipio": sorted({m.nombre for m in reference.municipios()})}
    return {f.key: places.get(f.key) or list(f.values) for f in _columns() if f.key in places or f.values}


def template_bytes() -> bytes:
    """The template workbook as .xlsx bytes."""
    workbook = Workbook()
    data = workbook.active
    data.title = "Necesidades"
    instructions = workbook.create_sheet("Instrucciones")
    lists_sheet = workbook.create_sheet("Listas")
    for row, line in enumerate(INSTRUCTIONS, start=1):
        put(instructions, row, 1, line)
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 110

    ranges = {}
    for col, (name, values) in enumerate(_lists().items(), start=1):
        letter = get_column_letter(col)
        put(lists_sheet, 1, col, name)
        for row, value in enumerate(values, start=2):
            put(lists_sheet, row, col, value)
        ranges[name] = f"{quote_sheetname('Listas')}!${letter}$2:${letter}${len(values) + 1}"
    lists_sheet.sheet_state = "hidden"

    for col, field in enumerate(_columns(), start=1):
        cell = put(data, 1, col, field.label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(col)
        data.column_dimensions[letter].width = field.template_width
        if field.key in ranges:  # a municipio may be written in a short form the list does not hold
            validation = DataValidation(type="list", formula1=ranges[field.key], allow_blank=True,
                                        showErrorMessage=field.key != "municipio",
                                        errorTitle="Valor no válido", error="Elija un valor de la lista.")
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            data.add_data_validation(validation)
    data.freeze_panes = "A2"
    data.row_dimensions[1].height = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
