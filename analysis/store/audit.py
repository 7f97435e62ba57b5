"""The audit trail: who did what, when, to which upload — written in the same transaction as the change.

`Store.change` is the one door for writes: it opens the transaction, lets the caller
change the store, then records the event here before committing, so a change without
its event cannot happen (and a failed change leaves no event). Sign-ins, failed
sign-ins and exports, which change nothing stored, are recorded with `Store.record`.
"""
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import insert, select

from analysis.store import times
from analysis.store.schema import events

# Action key -> how the log names it, in Spanish.
ACTIONS = {
    "import": "Carga importada",
    "replace": "Carga que reemplaza a otra",
    "sample_loaded": "Datos de ejemplo cargados",
    "delete": "Carga eliminada",
    "restore": "Carga restaurada",
    "login": "Inicio de sesión",
    "login_failed": "Intento de inicio de sesión fallido",
    "logout": "Cierre de sesión",
    "account_created": "Cuenta creada",
    "role_changed": "Rol cambiado",
    "password_changed": "Contraseña cambiada",
    "account_disabled": "Cuenta desactivada",
    "account_enabled": "Cuenta activada",
    "export": "Descarga o exportación",
    "view_saved": "Vista guardada",
    "view_renamed": "Vista renombrada",
    "view_deleted": "Vista eliminada",
    "backup": "Copia de seguridad",
    "restore_backup": "Copia de seguridad restaurada",
    "theme_added": "Tema agregado a necesidades",
    "theme_removed": "Tema quitado de necesidades",
}
COLUMNS = ("id", "at", "actor", "action", "upload_id", "detail", "address")
SYSTEM = "sistema"  # the dashboard itself (loading the sample into an empty store)


@dataclass
class Event:
    """An event being written: the caller of `Store.change` may fill in what it learns (the new upload's id)."""

    actor: str
    action: str
    upload_id: int | None = None
    detail: dict = field(default_factory=dict)
    address: str | None = None


def record(conn, event: Event) -> None:
    """Write one event inside the caller's transaction."""
    if event.action not in ACTIONS:
        raise ValueError(f"Acción de registro desconocida: {event.action}")
    conn.execute(insert(events).values(
        at=times.now(), actor=(event.actor or SYSTEM)[:120], action=event.action,
        upload_id=event.upload_id, detail=event.detail, address=(event.address or None) and event.address[:64],
    ))


def read(engine, limit: int | None = None) -> pd.DataFrame:
    """The trail, newest first (all of it, or the last `limit` events)."""
    query = select(*[events.c[c] for c in COLUMNS]).order_by(events.c.id.desc())
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(COLUMNS))


def describe(detail: dict) -> str:
    """An event's detail in words: «archivo: taller.xlsx · filas: 30»."""
    return " · ".join(f"{key}: {value}" for key, value in (detail or {}).items() if value not in (None, "", [], {}))
