"""Why a need has its themes, and an analyst's correction, as analysts meet them in Explorar and Temas."""
import datetime as dt

import pytest

from analysis.ingest.importer import import_file
from tests.builders import need, simple_xlsx
from tests.pages.conftest import ANALYST, READER, sign_in

ROWS = [need(departamento=d, necesidad="Extorsiones a pilotos de buses **urgente**") for d in ("Petén", "Izabal")] + [
    need(departamento="Zacapa", necesidad="Problemas en la parada de buses de la ruta")]


@pytest.fixture
def loaded(app_store):
    import_file(app_store, simple_xlsx(ROWS), "talleres.xlsx", user="prueba")
    return app_store


def reasons(at) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if list(d.value.columns) == ["Tema", "Por qué"])
    return dict(zip(table["Tema"], table["Por qué"]))


def test_explorar_says_why_a_need_has_each_theme(app, loaded):
    at = app("pages/explorar.py")
    choice = at.selectbox(key="detalle_necesidad")
    extortion = next(o for o in choice.options if "Extorsiones" in o)
    choice.select(extortion).run()
    assert reasons(at) == {"Extorsión": "palabras: extorsiones"}
    heading = next(m.value for m in at.markdown if m.value.startswith("**Temas de"))
    assert r"\*\*urgente\*\*" in heading  # the user's text is shown as written, never as Markdown


def test_an_analyst_corrects_a_whole_recurring_group_on_temas(app, loaded):
    at = app("pages/temas.py")
    assert at.selectbox(key="grupo_recurrente").value is not None
    at.selectbox(key="corregir_grupo_tema").select("Tránsito y seguridad vial")
    next(b for b in at.button if b.label == "Guardar corrección").click()
    at.run()
    stored = loaded.corrections.all()
    assert len(stored) == 2 and set(stored["departamento"]) == {"Petén", "Izabal"}
    assert set(stored["usuario"]) == {"equipo local"} and set(stored["accion"]) == {"agregar"}
    today = dt.datetime.now(dt.timezone.utc).strftime("%d/%m/%Y")
    assert reasons(at)["Tránsito y seguridad vial"] == f"agregado por equipo local el {today}"
    assert loaded.events().iloc[0]["action"] == "theme_added"
    suggested = next(d.value for d in at.dataframe if "Sugerencia" in d.value.columns)
    assert {"pilotos", "buses"} <= set(suggested["Palabra"])


def test_a_reader_sees_the_reasons_but_no_correction(app, loaded, with_accounts):
    at = sign_in(app("pages/temas.py"), *READER)
    at.switch_page("pages/temas.py").run()
    assert reasons(at)["Extorsión"] == "palabras: extorsiones"
    assert not any(b.label == "Guardar corrección" for b in at.button)
    at = sign_in(app("pages/temas.py"), *ANALYST)
    at.switch_page("pages/temas.py").run()
    assert any(b.label == "Guardar corrección" for b in at.button)
