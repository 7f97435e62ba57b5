"""An open session under changes made elsewhere: the role, password and state an administrator changes from the
command line apply at that session's next click, before the click's action runs."""
import pytest

from analysis.cli.commands import main
from analysis.store import sessions as session_words
from tests.pages.conftest import ADMIN, ANALYST, READER, idle, on_login_page, sign_in


def ask_to_delete_the_first_upload(at):
    at.switch_page("pages/historial.py")
    at.run()
    next(b for b in at.button if b.label == "Eliminar carga…").click()
    at.run()
    return next(b for b in at.button if b.label == "Sí, eliminar")


def visible_uploads(store) -> int:
    return int(store.uploads()["deleted_at"].isna().sum())


def test_an_analyst_demoted_to_reader_can_no_longer_delete_at_the_next_click(app, with_accounts, app_db):
    at = sign_in(app(), *ANALYST)
    yes = ask_to_delete_the_first_upload(at)
    assert main(["users", "role", ANALYST[0], "lector", "--db", app_db]) == 0
    yes.click()
    at.run()
    assert visible_uploads(with_accounts) == 1  # nothing deleted
    assert at.error[0].value.startswith("Su rol ya no permite esta acción")
    assert "Eliminar carga…" not in [b.label for b in at.button]  # the page now draws what a reader may do
    assert [c.value for c in at.sidebar.caption][-1] == r"Sesión: ana \(lector\)"  # as plain text


def test_an_administrator_demoted_to_reader_can_no_longer_create_accounts(app, with_accounts, app_db):
    at = sign_in(app(), *ADMIN)
    at.switch_page("pages/administracion.py")
    at.run()
    at.text_input(key="_nuevo_usuario").input("intrusa")
    at.text_input(key="_nueva_clave").input("clave de la intrusa")
    at.text_input(key="_nueva_clave2").input("clave de la intrusa")
    assert main(["users", "role", ADMIN[0], "lector", "--db", app_db]) == 0
    next(b for b in at.button if b.label == "Crear la cuenta").click()
    at.run()
    assert with_accounts.accounts.by_username("intrusa") is None
    assert "Administración" not in [t.value for t in at.title]


@pytest.mark.parametrize("change, said", [
    (["users", "disable", ANALYST[0]], session_words.DISABLED),
    (["users", "passwd", ANALYST[0]], session_words.PASSWORD_CHANGED),
])
def test_a_disabled_account_or_a_new_password_ends_the_session_before_the_click_acts(
        app, with_accounts, app_db, monkeypatch, change, said):
    import io
    import sys
    at = sign_in(app(), *ANALYST)
    yes = ask_to_delete_the_first_upload(at)
    monkeypatch.setattr(sys, "stdin", io.StringIO("otra clave de ana\n"))
    assert main([*change, "--db", app_db]) == 0
    yes.click()
    at.run()
    assert visible_uploads(with_accounts) == 1  # nothing deleted
    assert on_login_page(at) and at.warning[0].value == said
    assert with_accounts.events()["action"].iloc[0] == "logout"


def test_a_session_past_its_idle_limit_is_signed_out_before_the_click_acts(app, with_accounts):
    at = sign_in(app(), *ANALYST)
    yes = ask_to_delete_the_first_upload(at)
    idle(with_accounts, 31)
    yes.click()
    at.run()
    assert visible_uploads(with_accounts) == 1
    assert on_login_page(at) and "inactividad" in at.warning[0].value


def test_signing_out_ends_the_session_in_the_store(app, with_accounts):
    at = sign_in(app(), *READER)
    session_id = at.session_state["_sesion"]
    next(b for b in at.sidebar.button if b.label == "Salir").click()
    at.run()
    assert on_login_page(at)
    with pytest.raises(session_words.SessionEnded):  # another tab of the same session is signed out too
        with_accounts.sessions.check(session_id, 30)
