"""Sessions in the store: the cookie a ticket buys once, its signature and expiry, and the guard's reasons."""
import datetime as dt
import re

import pytest
from sqlalchemy import update

from analysis.store import sessions as words
from analysis.store.schema import sessions


@pytest.fixture
def ana(store):
    store.accounts.create("ana", "analista", "una clave larga", actor="admin")
    return store.accounts.by_username("ana")


def test_a_ticket_buys_the_cookie_once_and_the_cookie_finds_its_session(store, ana):
    started = store.sessions.start(ana)
    cookie = store.sessions.redeem(started.ticket)
    assert cookie is not None and 11 * 3600 < cookie.max_age <= 12 * 3600
    assert store.sessions.redeem(started.ticket) is None  # used
    assert store.sessions.resume(cookie.value) == started.session_id
    token, expires, signature = cookie.value.split(".")
    for forged in (f"{token}.{int(expires) + 3600}.{signature}", f"{token}x.{expires}.{signature}",
                   f"{token}.{expires}.{'0' * len(signature)}", "", "basura", f"{token}.{expires}"):
        assert store.sessions.resume(forged) is None, forged


def test_a_late_ticket_buys_nothing(store, ana):
    started = store.sessions.start(ana)
    with store.engine.begin() as conn:
        conn.execute(update(sessions).values(ticket_until=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)))
    assert store.sessions.redeem(started.ticket) is None


@pytest.mark.parametrize("change, reason", [
    (lambda store: store.accounts.set_active("ana", False, actor="admin"), words.DISABLED),
    (lambda store: store.accounts.set_password("ana", "otra clave larga", actor="admin"), words.PASSWORD_CHANGED),
    (lambda store: _age(store, last_seen_at=dt.timedelta(minutes=31)), words.IDLE),
    (lambda store: _age(store, expires_at=dt.timedelta(seconds=1)), words.EXPIRED),
], ids=["disabled", "new-password", "idle", "expired"])
def test_the_guard_ends_a_session_and_says_why(store, ana, change, reason):
    started = store.sessions.start(ana)
    assert store.sessions.check(started.session_id, 30).role == "analista"
    store.accounts.set_role("ana", "lector", actor="admin")
    assert store.sessions.check(started.session_id, 30).role == "lector"  # the role as it is now
    change(store)
    with pytest.raises(words.SessionEnded, match=re.escape(reason)):
        store.sessions.check(started.session_id, 30)
    with pytest.raises(words.SessionEnded, match=re.escape(words.ENDED_ELSEWHERE)):  # ended for good
        store.sessions.check(started.session_id, 30)
    assert store.events()["detail"].iloc[0] == {"motivo": reason}


def _age(store, **ago) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with store.engine.begin() as conn:
        conn.execute(update(sessions).values(**{column: now - delta for column, delta in ago.items()}))
