"""The one exception that refuses a whole file, carrying the Spanish reason shown to the user."""


class FileRefused(Exception):
    """The file cannot be imported at all; `str(exc)` says what to fix, in Spanish."""


DAMAGED_WORKBOOK = ("No se pudo leer el libro: el archivo está dañado o no es una hoja de cálculo. "
                    "Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx.")
PROTECTED_WORKBOOK = "El libro está protegido con contraseña. Quite la contraseña y vuelva a cargarlo."


class MissingColumns(FileRefused):
    """A table was found but a required column was not recognised; `tables` are the tables found,
    so the caller can offer to say which header is which."""

    def __init__(self, message: str, tables: list):
        super().__init__(message)
        self.tables = tables

    def __reduce__(self):  # crosses from the sandbox's child process with its tables
        return MissingColumns, (str(self), self.tables)
