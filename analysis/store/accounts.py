"""Accounts and roles: who may read, who may change the data, who manages accounts.

Passwords are kept only as argon2 hashes. A failed sign-in costs a second, and after
a few in a row the account is locked for a time that doubles with each further
failure, so guessing is slow; the message never says whether the name exists. Every
change to an account goes through `Store.change`, so the audit trail has it.
"""
import datetime as dt
import re
import time
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from analysis.store.schema import accounts

# Role -> how it is named on screen; each role can do what the ones before it can.
ROLES = {"lector": "Lector", "analista": "Analista", "administrador": "Administrador"}
PERMISSIONS = {
    "read": ("lector", "analista", "administrador"),  # see every page, download, present, save views
    "change_data": ("analista", "administrador"),  # upload, replace, delete, restore
    "administer": ("administrador",),  # accounts and the audit trail
}
MIN_PASSWORD = 10
FREE_FAILURES = 3  # failures in a row before the account locks
LOCK_MINUTES = (1, 2, 4, 8, 15, 30, 60)  # the lock after the 1st, 2nd… failure past FREE_FAILURES
FAILURE_DELAY_SECONDS = 1.0
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")
_hasher = PasswordHasher()
COLUMNS = ("id", "username", "display_name", "role", "active", "failed_logins", "locked_until", "last_login_at",
           "created_at")


class AccountError(ValueError):
    """An account operation that cannot be done; the message says why, in Spanish."""


class LoginRefused(Exception):
    """A sign-in that did not succeed; the message is what the person sees."""


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    @property
    def label(self) -> str:
        return f"{self.display_name or self.username} ({ROLES[self.role].lower()})"


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"La contraseña debe tener al menos {MIN_PASSWORD} caracteres.")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns times without their zone; they are stored in UTC."""
    if value is None or value.tzinfo:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


class AccountStore:
    def __init__(self, store):
        self.store = store
        self.engine = store.engine

    def any_active(self) -> bool:
        """True once an active account exists: from then on everyone must sign in."""
        with self.engine.connect() as conn:
            return bool(conn.execute(select(func.count()).select_from(accounts)
                                     .where(accounts.c.active.is_(True))).scalar_one())

    def all(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = conn.execute(select(*[accounts.c[c] for c in COLUMNS]).order_by(accounts.c.username))
            return pd.DataFrame(rows.mappings().all(), columns=list(COLUMNS))

    def _row(self, conn, username: str):
        return conn.execute(select(accounts).where(accounts.c.username == username.strip().lower())).mappings().first()

    def create(self, username: str, role: str, password: str, *, actor: str, display_name: str = "") -> Account:
        username = (username or "").strip().lower()
        if not _NAME.match(username):
            raise AccountError("El nombre de usuario lleva de 3 a 64 letras minúsculas sin tildes, números, o . _ @ -, "
                               "y empieza con letra o número.")
        if role not in ROLES:
            raise AccountError(f"Rol no válido: «{role}». Roles: {', '.join(ROLES)}.")
        check_password(password)
        with self.store.change(actor, "account_created", detail={"cuenta": username, "rol": role}, data=False) \
                as (conn, _):
            if self._row(conn, username):
                raise AccountError(f"Ya existe la cuenta «{username}».")
            conn.execute(insert(accounts).values(
                username=username, display_name=" ".join((display_name or "").split())[:120], role=role,
                password_hash=_hasher.hash(password), active=True, failed_logins=0, created_at=_now()))
        return Account(username, display_name, role)

    def _update(self, username: str, action: str, actor: str, detail: dict, **values) -> None:
        with self.store.change(actor, action, detail={"cuenta": username, **detail}, data=False) as (conn, _):
            if not conn.execute(update(accounts).where(accounts.c.username == username.strip().lower())
                                .values(**values)).rowcount:
                raise AccountError(f"No existe la cuenta «{username}».")

    def set_role(self, username: str, role: str, *, actor: str) -> None:
        if role not in ROLES:
            raise AccountError(f"Rol no válido: «{role}». Roles: {', '.join(ROLES)}.")
        self._update(username, "role_changed", actor, {"rol": role}, role=role)

    def set_password(self, username: str, password: str, *, actor: str) -> None:
        check_password(password)
        self._update(username, "password_changed", actor, {}, password_hash=_hasher.hash(password), failed_logins=0,
                     locked_until=None)

    def set_active(self, username: str, active: bool, *, actor: str) -> None:
        self._update(username, "account_enabled" if active else "account_disabled", actor, {}, active=active)

    def authenticate(self, username: str, password: str, *, address: str | None = None) -> Account:
        """The account, if the name and password match and it may sign in now; else LoginRefused."""
        name = (username or "").strip().lower()
        with self.engine.connect() as conn:
            row = self._row(conn, name) if name else None
        locked = _aware(row["locked_until"]) if row else None
        if locked and locked > _now():
            minutes = max(1, round((locked - _now()).total_seconds() / 60))
            self.store.record(name, "login_failed", detail={"motivo": "bloqueada"}, address=address)
            raise LoginRefused(f"Demasiados intentos fallidos: espere {minutes} minuto{'s' if minutes > 1 else ''} y "
                               "vuelva a intentarlo.")
        if row and row["active"] and self._verify(row["password_hash"], password):
            with self.store.change(name, "login", address=address, data=False) as (conn, _):
                conn.execute(update(accounts).where(accounts.c.id == row["id"]).values(
                    failed_logins=0, locked_until=None, last_login_at=_now()))
            return Account(row["username"], row["display_name"], row["role"])
        time.sleep(FAILURE_DELAY_SECONDS)  # guessing is slow
        with self.store.change(name or "—", "login_failed", detail={"motivo": "usuario o contraseña"},
                               address=address, data=False) as (conn, _):
            if row:
                failures = row["failed_logins"] + 1
                past = failures - FREE_FAILURES
                lock = _now() + dt.timedelta(minutes=LOCK_MINUTES[min(past, len(LOCK_MINUTES)) - 1]) if past > 0 \
                    else None
                conn.execute(update(accounts).where(accounts.c.id == row["id"]).values(
                    failed_logins=failures, locked_until=lock))
        raise LoginRefused("Usuario o contraseña incorrectos.")

    @staticmethod
    def _verify(hashed: str, password: str) -> bool:
        try:
            return _hasher.verify(hashed, password or "")
        except (VerificationError, InvalidHashError):
            return False

    def by_username(self, username: str) -> Account | None:
        """An active account by name (single sign-on maps an e-mail address to it)."""
        with self.engine.connect() as conn:
            row = self._row(conn, username or "")
        return Account(row["username"], row["display_name"], row["role"]) if row and row["active"] else None
