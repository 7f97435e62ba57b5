"""Signed-in sessions kept in the store: every run and every click checks its session here first.

A session is a row: whose it is, the password version it signed in with, when it was last seen and
when it expires. `check` is the one guard: it re-reads the account, so a changed role applies at the
next click, and it ends the session (recording why) when the account was disabled, its password
changed, the session sat idle too long or it was ended elsewhere (signing out in another tab).

The browser keeps only a cookie: a random token and its expiry, signed with a key the store makes
for itself (`secrets`), so a forged or stretched cookie is refused before any lookup; the store
keeps the token's SHA-256, never the token. The cookie is issued over HTTP, which a Streamlit run
cannot answer: a new session gets a one-time ticket, valid for a minute, that the page trades for
the cookie (`redeem`).
"""
import datetime as dt
import hashlib
import hmac
import secrets as random
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from analysis.store.accounts import Account, account_of
from analysis.store.schema import accounts, secrets, sessions
from analysis.store.sql import insert_ignoring_conflict
from analysis.store.times import aware, now

SESSION_HOURS = 12  # a working day; after it, sign in again even if active
TICKET_SECONDS = 60
SEEN_EVERY = dt.timedelta(minutes=1)  # how often a busy session's «last seen» is written
_KEY = "firma_de_sesiones"

ENDED_ELSEWHERE = "La sesión se cerró (en otra pestaña o al salir). Vuelva a entrar."
IDLE = "La sesión se cerró por inactividad. Vuelva a entrar."
EXPIRED = f"La sesión se cerró al cumplir {SESSION_HOURS} horas. Vuelva a entrar."
DISABLED = "Su cuenta fue desactivada."
PASSWORD_CHANGED = "La contraseña de su cuenta cambió: vuelva a entrar con la nueva."
SIGNED_OUT = "Sesión cerrada."


class SessionEnded(Exception):
    """The session may not go on; the message says why, in Spanish, to the person whose session it was."""


@dataclass(frozen=True)
class Started:
    session_id: int
    ticket: str  # what the page trades for the cookie, once


@dataclass(frozen=True)
class Cookie:
    value: str
    max_age: int  # seconds


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class SessionStore:
    def __init__(self, store):
        self.store = store
        self.engine = store.engine

    # Beginning and ending -------------------------------------------------------------------------

    def start(self, account: Account, *, address: str | None = None) -> Started:
        """A new session for an account that has just signed in."""
        moment, ticket = now(), random.token_urlsafe(24)
        with self.engine.begin() as conn:
            session_id = conn.execute(insert(sessions).values(
                token_hash=_digest(random.token_urlsafe(32)),  # none yet: the cookie's is made when it is issued
                username=account.username, password_version=account.password_version, created_at=moment,
                last_seen_at=moment, expires_at=moment + dt.timedelta(hours=SESSION_HOURS),
                ticket_hash=_digest(ticket), ticket_until=moment + dt.timedelta(seconds=TICKET_SECONDS),
                address=(address or None) and address[:64])).inserted_primary_key[0]
        return Started(session_id, ticket)

    def end(self, session_id: int, reason: str, *, address: str | None = None) -> None:
        """End a session (if it is still open), recording who left and why."""
        with self.engine.connect() as conn:
            username = conn.execute(select(sessions.c.username).where(
                sessions.c.id == session_id, sessions.c.ended_at.is_(None))).scalar()
        if username is None:
            return
        with self.store.change(username, "logout", detail={"motivo": reason}, address=address, data=False) \
                as (conn, _):
            conn.execute(update(sessions).where(sessions.c.id == session_id).values(ended_at=now()))

    # The guard ------------------------------------------------------------------------------------

    def check(self, session_id: int, idle_minutes: int) -> Account:
        """The session's account as it is now; raises SessionEnded (having ended it) when it may not go on."""
        query = (select(sessions, accounts.c.display_name, accounts.c.role, accounts.c.active,
                        accounts.c.password_version.label("current_version"))
                 .outerjoin(accounts, accounts.c.username == sessions.c.username).where(sessions.c.id == session_id))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        moment = now()
        if row is None or row["ended_at"] is not None:
            raise SessionEnded(ENDED_ELSEWHERE)
        reason = (EXPIRED if aware(row["expires_at"]) <= moment
                  else IDLE if moment - aware(row["last_seen_at"]) > dt.timedelta(minutes=idle_minutes)
                  else DISABLED if not row["active"]
                  else PASSWORD_CHANGED if row["current_version"] != row["password_version"] else None)
        if reason:
            self.end(session_id, reason)
            raise SessionEnded(reason)
        if moment - aware(row["last_seen_at"]) > SEEN_EVERY:
            with self.engine.begin() as conn:
                conn.execute(update(sessions).where(sessions.c.id == session_id).values(last_seen_at=moment))
        return account_of({**row, "password_version": row["current_version"]})

    # The cookie -----------------------------------------------------------------------------------

    def redeem(self, ticket: str) -> Cookie | None:
        """The cookie for the session this one-time ticket belongs to (None: unknown, used or late)."""
        token, moment = random.token_urlsafe(32), now()
        with self.engine.begin() as conn:
            found = conn.execute(update(sessions).where(
                sessions.c.ticket_hash == _digest(ticket or ""), sessions.c.ticket_until > moment,
                sessions.c.ended_at.is_(None)).values(ticket_hash=None, ticket_until=None, token_hash=_digest(token))
                .returning(sessions.c.expires_at)).scalar()
        if found is None:
            return None
        expires = int(aware(found).timestamp())
        return Cookie(self._signed(f"{token}.{expires}"), max(0, expires - int(moment.timestamp())))

    def resume(self, cookie: str | None) -> int | None:
        """The session a cookie names, if its signature holds and it has not expired (then `check` it)."""
        token, _, expires = (cookie or "").rpartition(".")[0].partition(".")
        if not (token and expires.isdigit() and int(expires) > now().timestamp()) \
                or not hmac.compare_digest(self._signed(f"{token}.{expires}"), cookie):
            return None
        with self.engine.connect() as conn:
            return conn.execute(select(sessions.c.id).where(sessions.c.token_hash == _digest(token))).scalar()

    def _signed(self, text: str) -> str:
        return f"{text}.{hmac.new(self._key(), text.encode(), hashlib.sha256).hexdigest()}"

    def _key(self) -> bytes:
        """The store's own key for signing cookies, made on first use and shared by every process."""
        read = select(secrets.c.value).where(secrets.c.name == _KEY)
        with self.engine.connect() as conn:
            if found := conn.execute(read).scalar():
                return found.encode()
        with self.engine.begin() as conn:
            insert_ignoring_conflict(conn, secrets, "name", name=_KEY, value=random.token_hex(32))
            return conn.execute(read).scalar_one().encode()
