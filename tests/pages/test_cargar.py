"""Cargar datos: see the mapping and the report, correct a column, confirm or cancel."""
from tests.builders import csv_bytes, need, simple_xlsx, xlsx
from tests.pages.conftest import sidebar_count

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(at, name: str, data: bytes, mime: str = XLSX):
    at.file_uploader[0].set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def test_upload_shows_report_then_imports_and_every_page_follows(app, app_store):
    at = app("pages/cargar.py")
    data = simple_xlsx([need(), need(departamento="Sacatepeques"), need(departamento="Izabal", nivel="")])
    upload(at, "taller.xlsx", data)
    values = {m.label: m.value for m in at.metric}
    assert values == {"Filas que se importarán": "2", "Filas rechazadas": "1", "Advertencias": "1"}
    report = at.dataframe[-1].value
    assert "¿Quiso decir «Sacatepéquez»?" in " ".join(report["Mensaje"])
    assert list(report["Fila"].dropna()) == [3, 4]
    button(at, "Importar 2 necesidades").click().run()
    assert any("Se importaron 2 necesidades" in s.value for s in at.success)
    assert app_store.count_needs() == 2  # the sample was hidden by the first real upload
    assert not at.sidebar.multiselect  # no filters here: they do nothing on this page
    at.switch_page("pages/resumen.py").run()
    assert "2</b> de 2 necesidades" in sidebar_count(at)


def test_cancel_stores_nothing(app, app_store):
    at = app("pages/cargar.py")
    upload(at, "t.xlsx", simple_xlsx([need()]))
    button(at, "Cancelar").click().run()
    assert any("no se guardó nada" in i.value for i in at.info)
    assert len(app_store.uploads()) == 1  # only the sample


def test_a_missing_column_can_be_assigned_and_the_file_revalidates(app, app_store):
    at = app("pages/cargar.py")
    data = csv_bytes([["Petén", "Patrullas", "Municipal"]], header=["Lugar del taller", "Necesidad", "Nivel"])
    upload(at, "raro.csv", data, "text/csv")
    assert any("falta la columna de Departamento" in e.value for e in at.error)
    (editor,) = at.data_editor  # the column editor is offered for the headers found
    rows = editor.value
    assert list(rows["Encabezado en el archivo"]) == ["Lugar del taller", "Necesidad", "Nivel"]
    assert list(rows["Dato"]) == ["Evento", "Necesidad", "Nivel"]  # «taller» reads as the workshop
    # The analyst picks «Departamento» for «Lugar del taller» in the editor's first row:
    at.session_state[editor.key] = {"edited_rows": {0: {"Dato": "Departamento"}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Filas que se importarán"] == "1"
    button(at, "Importar 1 necesidad").click().run()
    assert app_store.needs()["departamento"].tolist() == ["Petén"]


def test_a_refused_file_says_why_in_spanish(app, app_store):
    at = app("pages/cargar.py")
    upload(at, "roto.xlsx", b"PK\x03\x04 esto no es un libro")
    assert any("el archivo está dañado" in e.value for e in at.error)
    assert not any(b.label.startswith("Importar") for b in at.button)


def test_a_duplicate_is_recognised(app, app_store):
    from analysis.ingest.importer import import_file
    data = simple_xlsx([need()])
    import_file(app_store, data, "primero.xlsx")
    at = app("pages/cargar.py")
    upload(at, "copia.xlsx", data)
    assert any("ya se cargó antes como «primero.xlsx»" in shown(i.value) for i in at.info)


def test_template_is_offered(app):
    at = app("pages/cargar.py")
    assert any(b.label == "Descargar plantilla" for b in at.get("download_button"))


def shown(markdown: str) -> str:
    """What the reader sees of a Markdown message: backslash escapes removed."""
    import re
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_corrected_file_is_offered_to_replace_the_upload_it_overlaps(app, app_store):
    from analysis.ingest.importer import import_file
    original = [need(necesidad=f"Necesidad número {i} de la aldea") for i in range(25)]
    first = import_file(app_store, simple_xlsx(original + [need(departamento="Narnia", necesidad=f"Otra {i}")
                                                       for i in range(5)]), "taller_occidente.xlsx").upload_id
    at = app("pages/cargar.py")
    upload(at, "taller_occidente_v2.xlsx", simple_xlsx(original + [need(departamento="Izabal", necesidad=f"Otra {i}")
                                                                   for i in range(5)]))
    (warning,) = [w for w in at.warning if "ya están en la carga" in w.value]
    assert shown(warning.value).startswith(f"25 de estas 30 filas ya están en la carga n.º {first}, "
                                           "«taller_occidente.xlsx».")
    button(at, f"Reemplazar la carga n.º {first}").click().run()
    (message,) = at.success
    assert f"La carga n.º {first}, a la que reemplaza, quedó oculta" in message.value
    assert app_store.count_needs() == 30 and set(app_store.needs()["archivo"]) == {"taller_occidente_v2.xlsx"}
    history = at.switch_page("pages/historial.py").run()
    states = dict(zip(history.dataframe[0].value["N.º"], history.dataframe[0].value["Estado"]))
    assert states[first] == f"Reemplazada por la n.º {first + 1}"


def test_no_replacement_is_offered_without_overlap(app, app_store):
    at = app("pages/cargar.py")
    upload(at, "nuevo.xlsx", simple_xlsx([need()]))
    assert not any("ya están en la carga" in w.value for w in at.warning)  # the sample is never overlapped
    assert not any(b.label.startswith("Reemplazar") for b in at.button)


def test_file_names_are_shown_as_plain_text(app, app_store):
    from analysis.ingest.importer import import_file
    data = simple_xlsx([need()])
    import_file(app_store, data, "*negrita*_[enlace](http://x).xlsx")
    at = app("pages/cargar.py")
    upload(at, "copia.xlsx", data)
    (info,) = at.info
    # Markdown characters escaped, and a word joiner after «http:» so it does not become a link
    assert "\\*negrita\\*\\_\\[enlace\\]\\(http:\u2060//x\\)\\.xlsx" in info.value


def test_rejected_values_are_fixed_in_the_app_and_the_correction_is_kept(app, app_store):
    at = app("pages/cargar.py")
    data = simple_xlsx([need(departamento="Sacatepeques", necesidad="Extorsiones"),
                        need(departamento="Sacatepeques", necesidad="Robo de ganado"),
                        need(nivel="Barrial", necesidad="Falta de alumbrado"), need()])
    upload(at, "taller.xlsx", data)
    assert {m.label: m.value for m in at.metric}["Filas rechazadas"] == "3"
    # The suggestion is accepted once, for both rows that have the value:
    next(b for b in at.button if shown(b.label) == "Aceptar «Sacatepéquez»").click().run()
    assert {m.label: m.value for m in at.metric}["Filas rechazadas"] == "1"
    # No suggestion for «Barrial»: the analyst types the right value.
    (typed,) = [t for t in at.text_input if t.label == "Otro valor"]
    typed.input("Comunitario").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert (values["Filas que se importarán"], values["Filas rechazadas"]) == ("4", "0")
    assert any("«Sacatepeques» → «Sacatepéquez»" in shown(m.value) for m in at.markdown)
    button(at, "Importar 4 necesidades").click().run()
    needs = app_store.needs()
    assert list(needs["departamento"]) == ["Sacatepéquez", "Sacatepéquez", "Petén", "Petén"]
    assert list(needs["nivel"]) == ["Municipal", "Municipal", "Comunitario", "Municipal"]
    upload_id = int(needs["upload_id"].iloc[0])
    kept = [(p["value"], p["corrected"]) for p in app_store.upload(upload_id)["problems"] if p["severity"] == "correction"]
    assert kept == [("Sacatepeques", "Sacatepéquez"), ("Barrial", "Comunitario")]


def test_a_correction_can_be_taken_back(app, app_store):
    at = app("pages/cargar.py")
    upload(at, "taller.xlsx", simple_xlsx([need(nivel="Barrial"), need()]))
    (typed,) = [t for t in at.text_input if t.label == "Otro valor"]
    typed.input("Comunitario").run()
    assert {m.label: m.value for m in at.metric}["Filas rechazadas"] == "0"
    next(b for b in at.button if b.label == "Quitar").click().run()
    assert {m.label: m.value for m in at.metric}["Filas rechazadas"] == "1"


def test_the_preview_counts_what_it_lists_and_shows_whole_numbers(app):
    at = app("pages/cargar.py")
    header = ["Departamento", "Necesidad", "Nivel"]  # no ámbito column: one notice for the whole sheet
    data = xlsx({"Instrucciones": [["Llene una fila por necesidad"]],
                 "Datos": [header, ["Petén", "Patrullas", "Municipal"], ["Izabal", "Luz", ""]]})
    upload(at, "hojas.xlsx", data)
    sheets = at.dataframe[0].value
    assert list(sheets["Hoja"]) == ["Instrucciones", "Datos"]
    assert list(sheets["Filas"]) == [0, 2] and list(sheets["Fila de encabezados"]) == ["—", "1"]
    report = at.dataframe[-1].value
    listed = int((report["Gravedad"] == "Advertencia").sum())
    assert listed == 2  # the empty nivel of one row, and the missing ámbito column of the sheet
    assert {m.label: m.value for m in at.metric}["Advertencias"] == str(listed)
    assert "2 advertencias (1 sobre toda una hoja)" in " ".join(c.value for c in at.caption)


def test_after_an_upload_the_analyst_sees_what_it_adds(app, app_store):
    from analysis.ingest.importer import import_file
    from tests.pages.conftest import cards
    import_file(app_store, simple_xlsx([need(necesidad="Falta de agentes de la PNC", evento="Taller 1"),
                                    need(departamento="Izabal", necesidad="Extorsiones a comercios",
                                         evento="Taller 1")]), "primero.xlsx", user="prueba")
    at = app("pages/cargar.py")
    upload(at, "segundo.xlsx", simple_xlsx([
        need(departamento="Zacapa", necesidad="Faltan agentes de la PNC", evento="Taller 2"),
        need(departamento="Petén", municipio="Flores", necesidad="Contrabando de ganado en la frontera",
             evento="Taller 2")]))
    button(at, "Importar 2 necesidades").click().run()
    assert any("Se importaron 2 necesidades" in s.value for s in at.success)
    assert {"Necesidades de la carga": "2", "Ya conocidas": "1", "Nuevas": "1"}.items() <= dict(cards(at)).items()
    said = [m.value for m in at.markdown]
    assert "**Departamentos nuevos (1):** Zacapa." in said
    assert any(s.startswith("**Municipios nuevos (1):** Flores \\(Petén\\)") for s in said)
    assert any(s.startswith("**Temas nuevos") and "Contrabando" in s for s in said)
    known = at.dataframe[-1].value
    assert known.to_dict("records") == [{"Necesidad": "Falta de agentes de la PNC", "En esta carga": 1,
                                         "Registradas antes": 1}]
    at.run()  # shown once: the next visit to the page starts clean
    assert not any(m.value.startswith("**Departamentos nuevos") for m in at.markdown)


def test_a_memoria_written_as_text_says_where_its_data_came_from_and_imports_each_point(app, app_store):
    from tests.ingest import layout_files
    at = app("pages/cargar.py")
    upload(at, *layout_files.word_minutes_without_tables(),
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert any(s.label == "Archivo leído: 3 filas de datos en 1 tabla" for s in at.status)
    assert not at.data_editor  # no headers in the file: nothing to map, and the page says so
    assert any("no tiene encabezados de columnas" in c.value for c in at.caption)
    sheets = at.dataframe[0].value
    assert list(sheets["Forma"]) == ["Lista en el texto: una necesidad por punto"]
    button(at, "Importar 3 necesidades").click().run()
    assert sorted(app_store.needs()["municipio"]) == ["Panajachel", "Panajachel", "San Lucas Tolimán"]
