"""Administración: the accounts that may open the dashboard, and the record of everything done in it."""
import pandas as pd
import streamlit as st

from analysis.formatting import format_datetime, plain
from analysis.reports import file_name, to_csv_bytes, to_xlsx_bytes
from analysis.store import ROLES, AccountError, audit
from analysis.view import Filters
from ui import auth, data
from ui import view as views
from ui.widgets import show_table

views.current()  # the navigation is in place
st.title("Administración")
store = data.store()
accounts = store.accounts
if auth.current() is auth.LOCAL:
    st.info("Este tablero todavía no tiene cuentas: solo se abre en el equipo donde se ejecuta, y quien lo usa aquí "
            "puede hacerlo todo. Cree la primera cuenta de **administrador**; desde ese momento todas las páginas "
            "pedirán usuario y contraseña (también a usted).", icon=":material/lock_open:")
if notice := st.session_state.pop("_aviso_admin", None):
    kind, text = notice
    (st.success if kind == "ok" else st.error)(plain(text))

cuentas, registro = st.tabs(["Cuentas", "Registro de actividad"])


@auth.guarded("administer")
def _attempt(action, success: str) -> None:
    try:
        action()
        st.session_state["_aviso_admin"] = ("ok", success)
    except AccountError as problem:
        st.session_state["_aviso_admin"] = ("error", str(problem))


@auth.guarded("administer")
def _create() -> None:
    state = st.session_state
    if state.get("_nueva_clave") != state.get("_nueva_clave2"):
        state["_aviso_admin"] = ("error", "Las contraseñas no coinciden.")
        return
    _attempt(lambda: accounts.create(state.get("_nuevo_usuario", ""), state.get("_nuevo_rol", "lector"),
                                     state.get("_nueva_clave", ""), actor=auth.actor(),
                                     display_name=state.get("_nuevo_nombre", "")),
             f"Cuenta «{state.get('_nuevo_usuario', '').strip().lower()}» creada.")
    for key in ("_nueva_clave", "_nueva_clave2"):
        state[key] = ""


with cuentas:
    listed = accounts.all()
    if listed.empty:
        st.caption("No hay cuentas todavía.")
    else:
        show_table(pd.DataFrame({
            "Usuario": listed["username"], "Nombre": listed["display_name"],
            "Rol": listed["role"].map(ROLES), "Estado": listed["active"].map({True: "Activa", False: "Desactivada"}),
            "Último acceso": listed["last_login_at"].map(format_datetime),
            "Intentos fallidos": listed["failed_logins"],
        }))
    with st.form("nueva_cuenta", clear_on_submit=False, border=True):
        st.markdown("**Nueva cuenta**")
        left, right = st.columns(2)
        left.text_input("Usuario", key="_nuevo_usuario", max_chars=64, help="Minúsculas sin tildes, p. ej. ana.lopez")
        right.text_input("Nombre completo", key="_nuevo_nombre", max_chars=120)
        st.selectbox("Rol", list(ROLES), format_func=ROLES.get, key="_nuevo_rol",
                     help="Lector: ve y descarga. Analista: además carga, elimina y restaura. Administrador: además "
                          "maneja las cuentas y ve el registro.")
        left, right = st.columns(2)
        left.text_input("Contraseña", type="password", key="_nueva_clave", help="Al menos 10 caracteres.")
        right.text_input("Repita la contraseña", type="password", key="_nueva_clave2")
        st.form_submit_button("Crear la cuenta", type="primary", on_click=_create)

    if not listed.empty:
        st.markdown("**Cambiar una cuenta**")
        name = st.selectbox("Cuenta", list(listed["username"]), key="_cuenta_elegida")
        row = listed.set_index("username").loc[name]
        role_col, pass_col, state_col = st.columns(3)
        with role_col:
            role = st.selectbox("Rol", list(ROLES), index=list(ROLES).index(row["role"]), format_func=ROLES.get,
                                key=f"_rol_{name}")
            st.button("Cambiar el rol", disabled=role == row["role"], width="stretch",
                      on_click=_attempt, args=(lambda: accounts.set_role(name, role, actor=auth.actor()),
                                               f"«{name}» tiene ahora el rol {ROLES[role].lower()}."))
        with pass_col:
            st.text_input("Nueva contraseña", type="password", key=f"_clave_{name}")
            st.button("Cambiar la contraseña", width="stretch", on_click=_attempt, args=(
                lambda: accounts.set_password(name, st.session_state.get(f"_clave_{name}", ""), actor=auth.actor()),
                f"Contraseña de «{name}» cambiada."))
        with state_col:
            active = bool(row["active"])
            st.button("Desactivar la cuenta" if active else "Volver a activar", width="stretch",
                      disabled=name == auth.actor(), on_click=_attempt,
                      help="No puede desactivar su propia cuenta." if name == auth.actor() else None,
                      args=(lambda: accounts.set_active(name, not active, actor=auth.actor()),
                            f"Cuenta «{name}» {'desactivada' if active else 'activada'}."))

with registro:
    trail = store.events()
    if trail.empty:
        st.caption("Todavía no hay actividad registrada.")
        st.stop()
    left, right = st.columns(2)
    chosen = left.multiselect("Acción", list(audit.ACTIONS), format_func=audit.ACTIONS.get, key="_acciones",
                              placeholder="Todas")
    who = right.multiselect("Quién", sorted(trail["actor"].unique()), key="_quienes", placeholder="Todos")
    shown = trail[trail["action"].isin(chosen or trail["action"]) & trail["actor"].isin(who or trail["actor"])]
    table = pd.DataFrame({
        "Fecha": shown["at"].map(format_datetime), "Quién": shown["actor"],
        "Acción": shown["action"].map(audit.ACTIONS), "Carga": shown["upload_id"].astype("Int64"),
        "Detalle": shown["detail"].map(audit.describe), "Dirección": shown["address"],
    })
    st.caption(f"{len(table):,} de {len(trail):,} eventos, del más reciente al más antiguo.")
    show_table(table.head(1000), height=min(520, 40 + 35 * len(table)))

    excel, csv = (file_name("registro", Filters(), kind) for kind in ("xlsx", "csv"))
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Descargar el registro (Excel)", icon=":material/download:",
                         data=auth.recorded(excel, lambda: to_xlsx_bytes(table, "Registro"), eventos=len(table)),
                         file_name=excel, on_click="ignore", width="stretch",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    right.download_button("Descargar el registro (CSV)", icon=":material/download:",
                          data=auth.recorded(csv, lambda: to_csv_bytes(table), eventos=len(table)),
                          file_name=csv, on_click="ignore", width="stretch", mime="text/csv")
