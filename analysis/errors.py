"""The one exception that refuses a whole file, carrying the Spanish reason shown to the user."""


class FileRefused(Exception):
    """The file cannot be imported at all; `str(exc)` says what to fix, in Spanish."""


class MissingColumns(FileRefused):
    """A table was found but a required column was not recognised; `tables` are the tables found,
    so the caller can offer to say which header is which."""

    def __init__(self, message: str, tables: list):
        super().__init__(message)
        self.tables = tables
