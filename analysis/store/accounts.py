"""Accounts and roles: who may read, who may change the data, who manages accounts.

Passwords are kept only as argon2 hashes. A failed sign-in costs a second, and a few in a row lock
the name for a time that doubles with each further failure (`analysis.store.throttle`, which counts
parallel attempts one by one), so guessing is slow. An unknown name costs the same Argon2 work as a
known one and gets the same answers, lock included, so the answers never say whether a name exists.
Every change to an account goes through `Store.change`, so the audit trail has it.
"""
import re
import secrets
import time
from dataclasses import dataclass
from functools import cache

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from analysis.store import throttle
from analysis.store.schema import accounts, sign_in_failures
from analysis.store.times import now

# Role -> how it is named on screen; each role can do what the ones before it can.
ROLES = {"lector": "Lector", "analista": "Analista", "administrador": "Administrador"}
PERMISSIONS = {
    "read": ("lector", "analista", "administrador"),  # see every page, download, present, save views
    "change_data": ("analista", "administrador"),  # upload, replace, delete, restore
    "administer": ("administrador",),  # accounts, the audit trail, anyone's saved views
}
MIN_PASSWORD = 10
FAILURE_DELAY_SECONDS = 1.0
WRONG = "Usuario o contraseña incorrectos."
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
    password_version: int = 1

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    @property
    def label(self) -> str:
        return f"{self.display_name or self.username} ({ROLES[self.role].lower()})"


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"La contraseña debe tener al menos {MIN_PASSWORD} caracteres.")


@cache
def _unknown_name_hash() -> str:
    """A hash no password matches, verified for names without an account: the same Argon2 work as a known name."""
    return _hasher.hash(secrets.token_urlsafe(32))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False


def account_of(row) -> Account:
    return Account(row["username"], row["display_name"], row["role"], row["password_version"])


def locked_message(until) -> str:
    minutes = max(1, round((until - now()).total_seconds() / 60))
    return f"Demasiados intentos fallidos: espere {minutes} minuto{'s' if minutes > 1 else ''} y vuelva a intentarlo."


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
        """Every account with its failures in a row and the lock they brought (if any)."""
        failures = sign_in_failures.c
        query = (select(*[accounts.c[c] for c in COLUMNS if c in accounts.c],
                        func.coalesce(failures.failures, 0).label("failed_logins"), failures.locked_until)
                 .outerjoin(sign_in_failures, failures.name == accounts.c.username).order_by(accounts.c.username))
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(COLUMNS))

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
                password_hash=_hasher.hash(password), active=True, password_version=1, created_at=now()))
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
        """A new password; the sessions opened with the old one end at their next click."""
        check_password(password)
        self._update(username, "password_changed", actor, {}, password_hash=_hasher.hash(password),
                     password_version=accounts.c.password_version + 1)

    def set_active(self, username: str, active: bool, *, actor: str) -> None:
        self._update(username, "account_enabled" if active else "account_disabled", actor, {}, active=active)

    def authenticate(self, username: str, password: str, *, address: str | None = None) -> Account:
        """The account, if the name and password match and the name is not locked; else LoginRefused.

        Known and unknown names take the same path: one Argon2 verification (against a hash no
        password matches when the name has no account), one counted attempt, the same answers.
        """
        name = throttle.key(username)
        with self.engine.connect() as conn:
            row = self._row(conn, name) if name else None
        right = _verify(row["password_hash"] if row else _unknown_name_hash(), password) and bool(row and row["active"])
        with self.store.change(name or "—", "login_failed", address=address, data=False) as (conn, event):
            outcome = throttle.attempt(conn, name, right, now())
            signed_in = outcome.allowed and bool(conn.execute(update(accounts).where(  # the account as it is now
                accounts.c.id == row["id"], accounts.c.active.is_(True),
                accounts.c.password_version == row["password_version"]).values(last_login_at=now())).rowcount)
            if signed_in:
                event.action = "login"
            else:
                event.detail = {"motivo": "bloqueada" if outcome.was_locked else "usuario o contraseña"}
        if signed_in:
            return account_of(row)
        time.sleep(FAILURE_DELAY_SECONDS)  # guessing is slow
        if outcome.was_locked:
            raise LoginRefused(locked_message(outcome.locked_until))
        raise LoginRefused(f"{WRONG} {locked_message(outcome.locked_until)}" if outcome.locked_until else WRONG)

    def by_username(self, username: str) -> Account | None:
        """An active account by name (single sign-on maps an e-mail address to it)."""
        with self.engine.connect() as conn:
            row = self._row(conn, username or "")
        return account_of(row) if row and row["active"] else None
