"""What to tell someone whose action failed for a reason outside it: a full disk, a database that cannot be
reached or is busy. One Spanish sentence (what happened, what to do), the same on screen and in the console.

Every write is one transaction (`Store.change`), so a failed action has changed nothing, and the sentence
says so. The technical detail belongs in the log, never in the sentence.
"""
import errno
import sqlite3

from sqlalchemy import exc

DISK_FULL = ("No se pudo guardar porque el disco del servidor está lleno; no se cambió nada. Libere espacio en el "
             "servidor (o avise al equipo técnico) y vuelva a intentarlo.")
UNREACHABLE = ("No se pudo conectar con la base de datos; no se cambió nada. Compruebe que el servidor de la base de "
               "datos esté en marcha (o avise al equipo técnico) y vuelva a intentarlo.")
BUSY = ("La base de datos está ocupada por otro proceso; no se cambió nada. Espere un momento y vuelva a "
        "intentarlo.")
UNEXPECTED = ("No se pudo completar la acción por un error inesperado; no se cambió nada. Vuelva a intentarlo y, si "
              "se repite, avise al equipo técnico (el detalle quedó en {where}).")
SERVER_LOG = "el registro del servidor"

_SQLITE = {sqlite3.SQLITE_FULL: DISK_FULL, sqlite3.SQLITE_CANTOPEN: UNREACHABLE, sqlite3.SQLITE_BUSY: BUSY,
           sqlite3.SQLITE_LOCKED: BUSY, sqlite3.SQLITE_IOERR: UNREACHABLE}
_POSTGRES = {"53100": DISK_FULL, "08": UNREACHABLE, "57P01": UNREACHABLE, "57P02": UNREACHABLE,
             "57P03": UNREACHABLE, "55P03": BUSY, "40P01": BUSY}


def _causes(error: BaseException):
    """The error, what SQLAlchemy wraps (the driver's error) and the errors that led to it."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__


def _known(error: BaseException) -> str | None:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DISK_FULL
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return _SQLITE.get(code & 0xFF if isinstance(code, int) else None) or (
            DISK_FULL if "disk is full" in str(error) else None)
    state = getattr(error, "sqlstate", None)
    if isinstance(state, str):
        return _POSTGRES.get(state) or _POSTGRES.get(state[:2])
    if type(error).__module__.startswith("psycopg") and type(error).__name__ == "OperationalError":
        return UNREACHABLE  # a connection refused or lost has no SQLSTATE
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return UNREACHABLE
    return None


def outage(error: BaseException) -> str | None:
    """The sentence for a failure from outside the action (disk, database), or None for any other failure."""
    return next((said for cause in _causes(error) if (said := _known(cause))), None)


def explain(error: BaseException, where: str = SERVER_LOG) -> str:
    """The one sentence for a failed action; `where` names the place the detail was written to."""
    return outage(error) or UNEXPECTED.format(where=where)
