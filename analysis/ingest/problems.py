"""What the importer reports about a file, as declared kinds with a code: tests and `--json` users match codes,
analysts read the Spanish message.

Each kind has a stable code and a severity: an error rejects the row, a warning keeps it (or speaks about a
whole sheet), a correction records a value the analyst corrected, a note says what was set aside or read
another way — lines that are not needs, a column no field takes, a list split into needs, a value taken from
the title — so that nothing leaves a file in silence. The README's «Códigos de las observaciones» lists them
all (a test keeps the two in step).
"""
from dataclasses import asdict, dataclass

ERROR, WARNING, CORRECTION, NOTE = "error", "warning", "correction", "note"


@dataclass(frozen=True)
class Kind:
    code: str
    severity: str
    meaning: str  # one line for the README


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("necesidad-vacia", ERROR, "la fila no describe ninguna necesidad"),
    Kind("departamento-no-reconocido", ERROR, "el departamento escrito no es uno de los 22"),
    Kind("municipio-no-reconocido", ERROR, "el municipio escrito no es uno de los 340"),
    Kind("municipio-de-otro-departamento", ERROR, "el municipio pertenece a otro departamento que el de la fila"),
    Kind("lugares-contradictorios", ERROR, "las celdas de departamento y municipio nombran lugares distintos"),
    Kind("municipio-ambiguo", ERROR, "el nombre del municipio existe en dos departamentos y la fila no dice cuál"),
    Kind("valor-no-reconocido", ERROR, "un nivel o un ámbito escrito que no es uno de los válidos"),
    Kind("valor-vacio", WARNING, "departamento, nivel o ámbito vacío: se guarda «Sin especificar»"),
    Kind("columna-ausente", WARNING, "la hoja no tiene columna de nivel o de ámbito"),
    Kind("valor-descartado", WARNING, "una prioridad que no es Alta, Media, Baja ni un número de la escala: se deja vacía"),
    Kind("fecha-no-reconocida", WARNING, "fecha que no se pudo leer: se deja vacía"),
    Kind("fechas-mes-primero", WARNING, "la columna escribe las fechas con el mes primero"),
    Kind("fechas-solo-mes", WARNING, "fechas con solo mes y año: se guardan como el día 1"),
    Kind("codigo-contradicho", WARNING, "un código de lugar que contradice el nombre escrito a su lado: vale el nombre"),
    Kind("valores-numericos", WARNING, "nivel o ámbito escritos con números: se leen en el orden del catálogo"),
    Kind("valores-varios", WARNING, "una fila da o marca dos o más valores de un campo de lista: se guarda sin él"),
    Kind("valor-corregido", CORRECTION, "un valor que el analista corrigió en la carga"),
    Kind("columna-sin-campo", WARNING, "una columna con texto que no corresponde a ningún campo: no se guarda"),
    Kind("celdas-sin-leer", WARNING, "celdas que ninguna regla leyó: no se guardan (avise al equipo técnico)"),
    Kind("filas-ignoradas", NOTE, "líneas que no son necesidades: títulos, pies de página, totales, firmas, instrucciones"),
    Kind("columna-ignorada", NOTE, "una columna que ningún campo toma: numeración, metadatos de la encuesta"),
    Kind("celdas-sin-necesidad", NOTE, "celdas de necesidades que no nombran ninguna («—», «Sin necesidades»)"),
    Kind("hoja-ignorada", NOTE, "una hoja o tabla que no es una lista de necesidades: resumen, instrucciones, códigos"),
    Kind("lista-dividida", NOTE, "una celda con varias necesidades (numeradas, con viñetas…): se guarda una por cada una"),
    Kind("valor-del-titulo", NOTE, "evento, fecha o lugar tomados del título o del nombre de la hoja"),
    Kind("codigos-en-el-texto", NOTE, "códigos entre corchetes en el texto de la necesidad («[GRDC][COMUDE]»): se leen como su campo"),
    Kind("codigos-de-leyenda", NOTE, "códigos traducidos con la leyenda del mismo libro («SI» = Seguridad Interior)"),
    Kind("valor-de-todo-el-archivo", NOTE, "un valor que el analista fijó para todo el archivo"),
)}


@dataclass
class Problem:
    """One finding about one cell (or a whole sheet when `row` is None)."""

    code: str  # a key of KINDS
    sheet: str
    row: int | None
    column: str | None
    value: str  # as written in the file
    message: str  # Spanish, for the analyst
    field: str | None = None  # the canonical field of the column, when there is one
    corrected: str | None = None  # for a correction: the value used instead of `value`

    def __post_init__(self):
        if self.code not in KINDS:
            raise ValueError(f"unknown problem code: {self.code}")

    @property
    def severity(self) -> str:
        return KINDS[self.code].severity

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, **{k: v for k, v in asdict(self).items() if k != "code"}}
