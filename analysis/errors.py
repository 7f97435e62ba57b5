"""The one exception that refuses a whole file, carrying the Spanish reason shown to the user."""


class FileRefused(Exception):
    """The file cannot be imported at all; `str(exc)` says what to fix, in Spanish."""
