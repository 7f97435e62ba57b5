"""Signing in, roles and the activity record as a user meets them in the dashboard."""
import pytest

from tests.pages.conftest import ADMIN, ANALYST, READER, idle, on_login_page, sign_in


def test_without_accounts_this_machine_may_do_everything_until_the_first_admin_exists(app, app_store):
    at = app("pages/administracion.py")
    assert "todavía no tiene cuentas" in at.info[0].value
    at.text_input(key="_nuevo_usuario").input("jefa")
    at.text_input(key="_nuevo_nombre").input("Jefa de análisis")
    at.selectbox(key="_nuevo_rol").select("administrador")
    at.text_input(key="_nueva_clave").input("clave de la jefa")
    at.text_input(key="_nueva_clave2").input("clave de la jefa")
    next(b for b in at.button if b.label == "Crear la cuenta").click()
    at.run()
    assert app_store.accounts.by_username("jefa").role == "administrador"
    assert on_login_page(at)  # from now on, everyone (this machine too) signs in
    assert list(app_store.events()["action"])[0] == "account_created"


@pytest.mark.parametrize("page", ["pages/resumen.py", "pages/explorar.py", "pages/cargar.py", "pages/historial.py"])
def test_a_visitor_not_signed_in_sees_only_the_sign_in(app, with_accounts, page):
    at = app(page)
    assert on_login_page(at)
    assert [t.value for t in at.title] == ["Necesidades de seguridad"]
    assert not at.dataframe and not at.get("download_button")


def test_wrong_password_is_refused_and_the_right_one_opens_the_dashboard(app, with_accounts):
    at = sign_in(app(), ANALYST[0], "no es la clave")
    assert on_login_page(at)
    assert at.warning[0].value == "Usuario o contraseña incorrectos."
    assert at.text_input(key="_clave").value == ""  # the password is not kept on screen
    at = sign_in(at, *ANALYST)
    assert not on_login_page(at)
    assert any("ana" in c.value for c in at.sidebar.caption)  # who is signed in
    assert list(with_accounts.events()["action"])[:2] == ["login", "login_failed"]


def test_a_reader_sees_the_data_but_no_way_to_change_it(app, with_accounts):
    at = sign_in(app(), *READER)
    assert at.get("plotly_chart")
    assert not [b for b in at.button if b.label == "Quitar ejemplo"]
    at.switch_page("pages/historial.py")
    at.run()
    labels = [b.label for b in at.button]
    assert "Eliminar carga…" not in labels and "Restaurar carga" not in labels
    assert any(b.label == "Descargar archivo original" for b in at.get("download_button"))


def test_an_analyst_may_change_data_but_not_manage_accounts(app, with_accounts):
    at = sign_in(app(), *ANALYST)
    at.switch_page("pages/historial.py")
    at.run()
    assert "Eliminar carga…" in [b.label for b in at.button]
    assert "Administración" not in [t.value for t in at.title]


def test_a_session_ends_after_inactivity(app, with_accounts):
    at = sign_in(app(), *ANALYST)
    idle(with_accounts, 31)
    at.run()
    assert on_login_page(at)
    assert "inactividad" in at.warning[0].value
    assert list(with_accounts.events()["action"])[0] == "logout"


def test_history_says_who_loaded_each_file(app, with_accounts):
    from analysis.ingest.importer import import_file
    from tests.builders import need, simple_xlsx
    import_file(with_accounts, simple_xlsx([need()]), "taller_peten.xlsx", user="ana")
    at = sign_in(app(), *ADMIN)
    at.switch_page("pages/historial.py")
    at.run()
    table = at.dataframe[0].value
    assert table.loc[table["Archivo"] == "taller_peten.xlsx", "Por"].iloc[0] == "ana"


def test_the_activity_record_lists_and_filters_what_was_done(app, with_accounts):
    from analysis.ingest.importer import import_file
    from tests.builders import need, simple_xlsx
    import_file(with_accounts, simple_xlsx([need()]), "taller_peten.xlsx", user="ana")
    at = sign_in(app(), *ADMIN)
    at.switch_page("pages/administracion.py")
    at.run()
    total = len(with_accounts.events())
    assert f"{total} de {total} eventos, del más reciente al más antiguo." in [c.value for c in at.main.caption]
    at.multiselect(key="_acciones").select("import").run()
    table = at.dataframe[-1].value
    assert list(table["Acción"]) == ["Carga importada"] and list(table["Quién"]) == ["ana"]
    assert "taller_peten.xlsx" in table["Detalle"].iloc[0]


def test_a_reader_may_change_only_the_saved_views_they_saved(app, with_accounts):
    theirs = with_accounts.views.save("De la jefa", "inicio", {"departamento": ["Petén"]}, ADMIN[0])
    with_accounts.views.save("Mía", "inicio", {}, READER[0])
    at = sign_in(app(), *READER)
    at.switch_page("pages/vistas.py")
    at.run()
    at.selectbox(key="vista_elegida").select(theirs["id"]).run()
    assert not [b for b in at.button if b.label in ("Renombrar", "Eliminar…")]
    assert any("Solo quien la guardó (jefa) o un administrador" in c.value for c in at.main.caption)
    mine = int(with_accounts.views.all().set_index("name").loc["Mía", "id"])
    at.selectbox(key="vista_elegida").select(mine).run()
    assert [b.label for b in at.button if b.label in ("Renombrar", "Eliminar…")] == ["Renombrar", "Eliminar…"]
