"""Signing in to the dashboard: who is looking, what they may do, and the door for those not signed in.

While no account exists the dashboard serves only this machine (the office's own computer),
and whoever sits at it may do everything, including creating the first account. Once any
account exists, every page asks for a sign-in; a session ends after a spell of inactivity.
Single sign-on (`st.login`, OpenID Connect) is offered when `.streamlit/secrets.toml` has an
[auth] section; the e-mail it returns must match an active account, whose role applies.
"""
import time

import streamlit as st

from analysis.formatting import plain
from analysis.settings import settings
from analysis.store import Account, LoginRefused
from ui import data

_SESSION = "_cuenta"
_SEEN = "_cuenta_visto"
LOCAL = Account("equipo local", "Usuario de este equipo", "administrador")  # no accounts yet: the machine's owner


def address() -> str | None:
    """The browser's IP address (None when it is this machine)."""
    try:
        ip = st.context.ip_address
    except Exception:  # outside a browser session (tests, scripts)
        return None
    return ip if isinstance(ip, str) and ip else None


def current() -> Account | None:
    """The account of this session (LOCAL while no account exists), or None when not signed in."""
    if not data.store().accounts.any_active():
        return LOCAL
    return st.session_state.get(_SESSION)


def actor() -> str:
    """Who is acting, as the audit trail and the uploads record it."""
    account = current()
    return account.username if account else "—"


def can(permission: str) -> bool:
    account = current()
    return bool(account and account.can(permission))


def _expired() -> bool:
    seen = st.session_state.get(_SEEN)
    return seen is not None and time.time() - seen > settings().idle_minutes * 60


def sign_out(reason: str | None = None) -> None:
    account = st.session_state.pop(_SESSION, None)
    st.session_state.pop(_SEEN, None)
    if account:
        data.store().record(account.username, "logout", detail={"motivo": reason} if reason else None,
                            address=address())
    if reason:
        st.session_state["_aviso_acceso"] = reason


def _sign_in(username_key: str, password_key: str) -> None:
    try:
        account = data.store().accounts.authenticate(st.session_state.get(username_key, ""),
                                                     st.session_state.get(password_key, ""), address=address())
    except LoginRefused as refused:
        st.session_state["_aviso_acceso"] = str(refused)
        return
    finally:
        st.session_state[password_key] = ""
    st.session_state[_SESSION] = account
    st.session_state[_SEEN] = time.time()


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
        if notice := st.session_state.pop("_aviso_acceso", None):
            st.warning(notice, icon=":material/lock:")
        with st.form("entrar", border=True):
            st.text_input("Usuario", key="_usuario", autocomplete="username")
            st.text_input("Contraseña", key="_clave", type="password", autocomplete="current-password")
            st.form_submit_button("Entrar", type="primary", on_click=_sign_in, args=("_usuario", "_clave"),
                                  width="stretch")
        try:
            has_sso = "auth" in st.secrets
        except Exception:
            has_sso = False
        if has_sso:
            st.button("Entrar con la cuenta institucional", on_click=st.login, width="stretch")
        st.caption(f"Clasificación: {settings().classification}. El acceso queda registrado.")


def gate() -> Account | None:
    """The account of this session after the checks, or None when the visitor must sign in.

    A remote visitor of a dashboard that has no accounts is turned away: without accounts
    the dashboard is for this machine only.
    """
    store = data.store()
    if not store.accounts.any_active():
        if address() not in (None, "127.0.0.1", "::1"):
            st.error("Este tablero todavía no tiene cuentas y solo puede abrirse en el equipo donde se ejecuta. "
                     "Pida al administrador que cree las cuentas (python -m analysis users add …).",
                     icon=":material/lock:")
            st.stop()
        return LOCAL
    account = st.session_state.get(_SESSION)
    if account is None and (sso := _sso_account()):
        st.session_state[_SESSION] = account = sso
        store.record(sso.username, "login", detail={"medio": "cuenta institucional"}, address=address())
    if account is not None and _expired():
        sign_out("La sesión se cerró por inactividad. Vuelva a entrar.")
        account = None
    if account is not None and store.accounts.by_username(account.username) is None:
        sign_out("Su cuenta fue desactivada.")
        account = None
    if account is not None:
        st.session_state[_SEEN] = time.time()
    return account


def recorded(file_name: str, build, **detail):
    """A download's builder that first writes «who downloaded what» to the activity record
    (it runs only when the button is clicked: a download is an export of the data)."""
    def build_and_record():
        data.store().record(actor(), "export", detail={"archivo": file_name, **detail}, address=address())
        return build()
    return build_and_record


def account_box(account: Account) -> None:
    """Who is signed in, and the way out, at the foot of the sidebar."""
    if account is LOCAL:
        return
    with st.sidebar:
        st.divider()
        st.caption(f"Sesión: {plain(account.label)}")
        st.button("Salir", icon=":material/logout:", on_click=sign_out, width="stretch", key="_salir")
