"""Signing in to the dashboard: who is looking, what they may do now, and the door for those not signed in.

While no account exists the dashboard serves only this machine (the office's own computer),
and whoever sits at it may do everything, including creating the first account. Once any
account exists, every page asks for a sign-in. A signed-in tab keeps the store's session id;
`refresh` is the one guard that every run (through `gate`) and every action (through `guarded`)
passes first: it re-reads the account, so a changed role applies at the next click, and a
disabled account, a changed password, an idle or ended session is signed out before anything
runs. A reload or a new tab resumes the session from its cookie (`ui.session_cookie`).
Single sign-on (`st.login`, OpenID Connect) is offered when `.streamlit/secrets.toml` has an
[auth] section; the e-mail it returns must match an active account, whose role applies.
"""
import functools

import streamlit as st

from analysis.formatting import plain
from analysis.settings import settings
from analysis.store import Account, LoginRefused, SessionEnded
from ui import data, session_cookie, trouble
from ui.http_doors import may_upload

_SESSION = "_sesion"  # the store's id of this tab's session
_ACCOUNT = "_cuenta"  # the account as the last check found it
_NOTICE = "_aviso_acceso"
_SPENT = "_cookie_gastada"  # the cookie this tab connected with, once its session has ended
LOCAL = Account("equipo local", "Usuario de este equipo", "administrador")  # no accounts yet: the machine's owner
NOT_ALLOWED = "Su rol ya no permite esta acción: no se hizo nada. La página muestra ahora lo que su rol permite."


def address() -> str | None:
    """The browser's IP address (None when it is this machine)."""
    try:
        ip = st.context.ip_address
    except Exception:  # outside a browser session (tests, scripts)
        return None
    return ip if isinstance(ip, str) and ip else None


def current() -> Account | None:
    """The account of this session as this run's check found it (LOCAL while no account exists), or None."""
    return st.session_state.get(_ACCOUNT)


def actor() -> str:
    """Who is acting, as the audit trail and the uploads record it."""
    account = current()
    return account.username if account else "—"


def can(permission: str) -> bool:
    account = current()
    return bool(account and account.can(permission))


def _begin(account: Account, how: str | None = None) -> None:
    """A session for an account that has just signed in; the page then trades its ticket for the cookie."""
    started = data.store().sessions.start(account, address=address())
    st.session_state[_SESSION] = started.session_id
    session_cookie.issue(started.ticket)
    if how:
        data.store().record(account.username, "login", detail={"medio": how}, address=address())


def _forget(reason: str | None) -> None:
    """This tab signs out (its session already ended in the store); the cookie goes too."""
    st.session_state.pop(_SESSION, None)
    st.session_state[_ACCOUNT] = None
    st.session_state[_SPENT] = session_cookie.presented()  # sent at connection: it cannot reopen the session
    session_cookie.withdraw()
    if reason:
        st.session_state[_NOTICE] = reason


def refresh() -> Account | None:
    """The one guard: this session's account as the store has it now, or None (signed out, with the reason)."""
    store = data.store()
    account = None
    if not store.accounts.any_active():
        st.session_state.pop(_SESSION, None)
        account = LOCAL
    else:
        session_id = st.session_state.get(_SESSION)
        if session_id is None and (cookie := session_cookie.presented()) != st.session_state.get(_SPENT):
            session_id = store.sessions.resume(cookie)
            st.session_state[_SESSION] = session_id
        if session_id is None and (sso := _sso_account()):
            _begin(sso, "cuenta institucional")
            session_id = st.session_state[_SESSION]
        if session_id is not None:
            try:
                account = store.sessions.check(session_id, settings().idle_minutes)
            except SessionEnded as ended:
                _forget(str(ended))
    st.session_state[_ACCOUNT] = account
    may_upload(account is not None and account.can("change_data"))
    return account


def guarded(permission: str = "read"):
    """A widget's action that first passes the guard, runs only if the account may still do it, and ends in
    one Spanish sentence if it fails (`ui.trouble`)."""
    def wrap(action):
        @trouble.shielded
        @functools.wraps(action)
        def run(*args, **kwargs):
            account = refresh()
            if account is None:
                return  # the run that follows shows the sign-in, with the reason
            if not account.can(permission):
                trouble.tell(NOT_ALLOWED)
                return
            action(*args, **kwargs)
        return run
    return wrap


def sign_out() -> None:
    if session_id := st.session_state.get(_SESSION):
        data.store().sessions.end(session_id, "salió", address=address())
    _forget(None)


def _sign_in(username_key: str, password_key: str) -> None:
    try:
        account = data.store().accounts.authenticate(st.session_state.get(username_key, ""),
                                                     st.session_state.get(password_key, ""), address=address())
    except LoginRefused as refused:
        st.session_state[_NOTICE] = str(refused)
        return
    finally:
        st.session_state[password_key] = ""
    _begin(account)


def _sso_account() -> Account | None:
    """The account matching a single sign-on user, when SSO is configured and the user is signed in there."""
    try:
        if "auth" not in st.secrets or not st.user.is_logged_in:
            return None
    except Exception:  # no secrets file
        return None
    return data.store().accounts.by_username(str(st.user.get("email", "")))


def login_page() -> None:
    """The only page a visitor who is not signed in can reach, whatever address they opened."""
    st.html("<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none;}</style>")
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("Necesidades de seguridad")
        st.caption(settings().institution)
        if notice := st.session_state.pop(_NOTICE, None):
            st.warning(notice, icon=":material/lock:")
        with st.form("entrar", border=True):
            st.text_input("Usuario", key="_usuario", autocomplete="username")
            st.text_input("Contraseña", key="_clave", type="password", autocomplete="current-password")
            st.form_submit_button("Entrar", type="primary", on_click=trouble.shielded(_sign_in),
                                  args=("_usuario", "_clave"), width="stretch")
        try:
            has_sso = "auth" in st.secrets
        except Exception:
            has_sso = False
        if has_sso:
            st.button("Entrar con la cuenta institucional", on_click=st.login, width="stretch")
        st.caption(f"Clasificación: {settings().classification}. El acceso queda registrado.")


def gate() -> Account | None:
    """The account of this session after the guard, or None when the visitor must sign in.

    A remote visitor of a dashboard that has no accounts is turned away: without accounts
    the dashboard is for this machine only.
    """
    account = refresh()
    if account is LOCAL and address() not in (None, "127.0.0.1", "::1"):
        st.error("Este tablero todavía no tiene cuentas y solo puede abrirse en el equipo donde se ejecuta. "
                 "Pida al administrador que cree las cuentas (python -m analysis users add …).",
                 icon=":material/lock:")
        st.stop()
    session_cookie.deliver()
    return account


def recorded(file_name: str, build, **detail):
    """A download's builder that first checks the session (as it is when the button is clicked) and writes
    «who downloaded what» to the activity record: it runs only when the button is clicked, outside any run,
    so it takes the session from the run that drew the button."""
    store, session_id, account, where = data.store(), st.session_state.get(_SESSION), current(), address()

    def build_and_record():
        who = account if account is LOCAL and not store.accounts.any_active() else \
            store.sessions.check(session_id, settings().idle_minutes) if session_id is not None else None
        if who is None:
            raise PermissionError("a download from a session that is not signed in")
        store.record(who.username, "export", detail={"archivo": file_name, **detail}, address=where)
        return build()
    return build_and_record


def account_box(account: Account) -> None:
    """Who is signed in, and the way out, at the foot of the sidebar."""
    if account is LOCAL:
        return
    with st.sidebar:
        st.divider()
        st.caption(f"Sesión: {plain(account.label)}")
        st.button("Salir", icon=":material/logout:", on_click=trouble.shielded(sign_out), width="stretch",
                  key="_salir")
