"""Failed sign-ins counted one by one, even when many arrive at the same moment, and the lock they bring.

The count is kept by the name typed, whether an account has it or not, so an unknown name is
throttled (and locked) exactly like a known one and the answers never tell them apart. Each attempt
decides its outcome in one step of its transaction: the row of the name is made to exist, then one
conditional statement both checks the lock and counts the failure (or clears the count). The
statement holds the row (PostgreSQL) or the database (SQLite) until the transaction ends, so parallel
attempts queue behind it and each sees the count the one before it left.
"""
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update

from analysis.store.schema import sign_in_failures
from analysis.store.sql import insert_ignoring_conflict
from analysis.store.times import aware

LOCK_AFTER = 3  # failures in a row that lock the name
LOCK_MINUTES = (1, 2, 4, 8, 15, 30, 60)  # the lock after the 3rd, 4th… failure in a row
FORGET_AFTER = dt.timedelta(days=1)  # a name without failures for this long starts again from zero
NAME_LENGTH = 64

_table = sign_in_failures


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: allowed (the password was right and the name not locked) or not."""

    allowed: bool
    locked_until: dt.datetime | None = None  # set when the name is locked (by this attempt or before)
    was_locked: bool = False  # refused unchecked: the name was locked before this attempt


def key(name: str) -> str:
    """The name as the count keeps it."""
    return (name or "").strip().lower()[:NAME_LENGTH]


def lock_for(failures: int) -> dt.timedelta | None:
    """How long the name locks after this many failures in a row (None: not yet)."""
    past = failures - LOCK_AFTER
    return dt.timedelta(minutes=LOCK_MINUTES[min(past, len(LOCK_MINUTES) - 1)]) if past >= 0 else None


def attempt(conn, name: str, password_right: bool, now: dt.datetime) -> Outcome:
    """Count one sign-in attempt of `name` inside the caller's transaction; whether it may sign in."""
    name = key(name)
    insert_ignoring_conflict(conn, _table, "name", name=name, failures=0)  # first statement: a write, so SQLite takes its lock before anything is read
    unlocked = or_(_table.c.locked_until.is_(None), _table.c.locked_until <= now)
    if password_right:
        if conn.execute(delete(_table).where(_table.c.name == name, unlocked).returning(_table.c.name)).first():
            return Outcome(True)
    else:
        counted = conn.execute(update(_table).where(_table.c.name == name, unlocked)
                               .values(failures=_table.c.failures + 1, last_failure_at=now)
                               .returning(_table.c.failures)).scalar()
        if counted is not None:
            conn.execute(delete(_table).where(_table.c.last_failure_at < now - FORGET_AFTER, unlocked))
            lock = lock_for(counted)
            if lock is None:
                return Outcome(False)
            conn.execute(update(_table).where(_table.c.name == name).values(locked_until=now + lock))
            return Outcome(False, now + lock)
    locked = conn.execute(select(_table.c.locked_until).where(_table.c.name == name)).scalar()
    return Outcome(False, aware(locked), was_locked=True)


def failures_by_name(conn) -> dict[str, int]:
    """Failures in a row of every name that has some."""
    return dict(conn.execute(select(_table.c.name, _table.c.failures).where(_table.c.failures > 0)).all())

