"""Each way a file can carry needs, read into the needs an analyst would store, and nothing dropped in silence."""
import pytest

from analysis.ingest import Choices, analyse_file, import_file
from analysis.ingest.problems import NOTE
from tests.builders import xlsx
from tests.ingest import layout_files as files


def read(build, choices: Choices | None = None):
    name, data = build()
    return analyse_file(data, name, choices=choices)


def stored(found, *columns) -> list[tuple]:
    return [tuple(row) for row in found.needs[list(columns)].itertuples(index=False)]


def codes(found) -> list[str]:
    return [p.code for p in found.problems]


def test_a_matrix_with_one_column_per_ambito_stores_each_cell_with_its_ambito_and_the_title_s_place():
    found = read(files.matrix_by_ambito)
    assert [r.description for r in found.readings] == ["Matriz: una columna por ámbito"]
    assert stored(found, "municipio", "ambito", "necesidad")[:3] == [
        ("Cobán", "Seguridad Interior", "Asaltos a la salida de las discotecas"),
        ("Cobán", "Seguridad Interior", "Venta de licor clandestino en los cantones"),
        ("Cobán", "Seguridad Exterior", "Venta de documentos falsos a extranjeros")]
    assert len(found.needs) == 12 and found.rows_rejected == 0
    assert set(found.needs["departamento"]) == {"Alta Verapaz"}
    assert set(found.needs["evento"]) == {"Taller de Identificación de Necesidades"}
    assert set(found.needs["fecha"].astype(str)) == {"2018-03-15"}
    (empty,) = [p for p in found.problems if p.code == "celdas-sin-necesidad"]
    assert "2 celdas" in empty.message and "«Sin necesidades identificadas»" in empty.message


def test_a_matrix_by_nivel_reads_the_merged_ambito_over_its_rows():
    found = read(files.matrix_by_nivel)
    assert stored(found, "departamento", "ambito", "nivel") == [
        ("Huehuetenango", "Seguridad Interior", "Municipal"), ("Huehuetenango", "Seguridad Interior", "Nacional"),
        ("Quiché", "Seguridad Interior", "Comunitario"), ("Quiché", "Seguridad Interior", "Departamental"),
        ("Huehuetenango", "Seguridad Exterior", "Comunitario")]


def test_a_matrix_by_departamento_gives_each_need_its_column_s_departamento():
    found = read(files.matrix_by_departamento)
    assert [r.description for r in found.readings] == ["Matriz: una columna por departamento"]
    assert stored(found, "departamento", "ambito") == [
        ("Quetzaltenango", "Seguridad Interior"), ("San Marcos", "Seguridad Interior"),
        ("San Marcos", "Gestión de Riesgos y Defensa Civil"), ("Sololá", "Gestión de Riesgos y Defensa Civil")]


def test_a_matrix_of_marks_takes_the_marked_ambito_and_says_when_a_row_marks_two():
    found = read(files.matrix_of_marks)
    assert [r.description for r in found.readings] == ["Matriz de marcas: una X por ámbito"]
    assert stored(found, "municipio", "ambito") == [
        ("Estanzuela", "Seguridad Interior"), ("Teculután", "Gestión de Riesgos y Defensa Civil"),
        ("Gualán", "Sin especificar")]
    (two,) = [p for p in found.problems if p.code == "valores-varios"]
    assert two.row == 6 and "2 valores" in two.message
    assert "valor-vacio" not in codes(found)  # one warning for the row, not two
    assert any(p.code == "filas-ignoradas" and "Fila 7" in p.message for p in found.problems)  # the total row


def test_a_kobo_export_reads_group_paths_choice_names_and_sets_the_metadata_aside():
    found = read(files.kobo_export)
    assert stored(found, "departamento", "municipio", "nivel", "ambito") == [
        ("Petén", "Flores", "Departamental", "Seguridad Interior"),
        ("Petén", "Melchor de Mencos", "Municipal", "Sin especificar")]
    assert set(found.needs["fecha"].astype(str)) == {"2018-05-09"}  # Kobo's «today»
    (tool,) = [p for p in found.problems if p.code == "columna-ignorada"]
    assert "«start», «end», «deviceid», «_id», «_uuid»" in tool.message


def test_repeated_groups_give_one_need_per_group_with_the_row_s_shared_place():
    found = read(files.repeated_groups)
    assert stored(found, "municipio", "ambito", "prioridad") == [
        ("Moyuta", "Gestión de Riesgos y Defensa Civil", "Media"), ("Moyuta", "Gestión de Riesgos y Defensa Civil", "Baja"),
        ("Monjas", "Seguridad Interior", "Alta")]


def test_a_survey_with_one_question_per_ambito_takes_the_ambito_and_priority_of_each_question():
    found = read(files.survey_one_question_per_ambito)
    assert [r.description for r in found.readings] == ["Grupos repetidos: una necesidad por ámbito en cada fila"]
    assert stored(found, "municipio", "ambito", "prioridad") == [
        ("Rabinal", "Seguridad Interior", "Media"), ("Rabinal", "Seguridad Exterior", "Baja"),
        ("Salamá", "Seguridad Interior", "Alta")]
    assert set(found.needs["fecha"].astype(str)) == {"2018-06-08"}  # the timestamp, when no column says the date
    (comment,) = [p for p in found.problems if p.code == "columna-sin-campo"]
    assert comment.severity == "warning" and comment.column == "Comentarios adicionales"


def test_band_rows_set_the_departamento_and_ambito_of_the_rows_under_them():
    found = read(files.band_rows)
    assert stored(found, "departamento", "municipio", "ambito") == [
        ("Escuintla", "Palín", "Seguridad Interior"), ("Escuintla", "Iztapa", "Gestión de Riesgos y Defensa Civil")]


def test_lists_inside_a_cell_become_one_need_each_and_wrapped_cells_and_quantities_stay_whole():
    found = read(files.lists_in_cells)
    assert list(found.needs["necesidad"]) == [
        "Pandillas cerca de los institutos", "Robos de celulares en las paradas", "Denuncias anónimas sin seguimiento",
        "Poca coordinación con el MP", "Estructuras criminales sin investigar", "Falta de analistas en la subestación",
        "Robos a viviendas", "Asaltos a buses extraurbanos",
        "Mercado municipal sin extintores ni salidas de emergencia señalizadas",
        "3 agentes de la PNC para atender 40 comunidades", "Falta de una COLRED juramentada"]
    assert [(s.cell, len(s.items.items), s.items.style) for s in found.splits] == [
        ("C2", 2, "numeradas"), ("C3", 2, "con letras"), ("C4", 2, "con viñetas"), ("C5", 2, "separadas por punto y coma")]
    assert "La celda C2 tenía 2 necesidades numeradas: se guarda cada una." in [p.message for p in found.problems]


def test_the_analyst_can_keep_a_listed_cell_as_one_need():
    found = read(files.lists_in_cells, Choices(whole=frozenset({"Quetzaltenango!C2"})))
    assert found.needs["necesidad"].iloc[0] == "1. Pandillas cerca de los institutos 2. Robos de celulares en las paradas"
    assert len(found.needs) == 10 and found.splits[0].kept_whole


def test_codes_are_read_with_the_workbook_s_own_codes_sheet():
    found = read(files.legend_sheet)
    assert stored(found, "departamento", "municipio", "ambito", "nivel", "prioridad") == [
        ("Escuintla", "Santa Lucía Cotzumalguapa", "Seguridad Exterior", "Departamental", "Alta"),
        ("Escuintla", "Nueva Concepción", "Gestión de Riesgos y Defensa Civil", "Municipal", "Baja")]
    (legend,) = [p for p in found.problems if p.code == "codigos-de-leyenda"]
    assert "«Códigos»" in legend.message and "SE = Seguridad Exterior" in legend.message


def test_a_legend_beside_the_table_wins_over_the_usual_reading_of_numbers():
    found = read(files.legend_beside_the_table)
    assert stored(found, "municipio", "ambito", "nivel") == [
        ("Mazatenango", "Inteligencia de Estado", "Nacional"),
        ("Patulul", "Gestión de Riesgos y Defensa Civil", "Comunitario"),  # the legend's 1, not the catalogue's
        ("Chicacao", "Seguridad Interior", "Municipal")]
    assert "filas-ignoradas" not in [p.code for p in found.problems if "7" in p.message]  # legend lines are its own


def test_an_official_form_s_numbers_units_observations_and_signatures_are_set_aside_not_rejected():
    found = read(files.official_form)
    assert found.rows_rejected == 0 and len(found.needs) == 2
    assert set(found.needs["evento"]) == {"Mesa departamental de seguridad"}
    assert set(found.needs["departamento"]) == {"Sololá"} and set(found.needs["fecha"].astype(str)) == {"2018-07-20"}
    aside = [p.message for p in found.problems if p.code == "filas-ignoradas"]
    assert "Filas 7–8 y 13–14: números de columna, unidades, instrucciones o firmas del formulario; no son necesidades." \
        in aside and any(m.startswith("Fila 11:") for m in aside)


def test_a_word_memoria_reads_each_mesa_s_table_with_the_document_s_event_and_date():
    found = read(files.word_memoria)
    assert stored(found, "municipio", "ambito", "evento") == [
        ("Livingston", "Seguridad Interior", "Taller regional Nororiente"),
        ("Morales", "Seguridad Exterior", "Taller regional Nororiente"),
        ("Livingston", "Seguridad Exterior", "Taller regional Nororiente")]
    assert set(found.needs["departamento"]) == {"Izabal"} and set(found.needs["fecha"].astype(str)) == {"2018-06-28"}
    assert found.rows_rejected == 0  # the agenda and the participants are no needs


@pytest.mark.parametrize("build, expected", [
    (files.mac_csv, ["Población sin señal en las aldeas", "Presencia limitada del Ejército en la frontera"]),
    (files.database_dump, ["Ríos contaminados que agravan las crecidas", "Trata de personas en bares"]),
])
def test_text_exports_are_read_in_the_encoding_their_content_shows(build, expected):
    assert list(read(build).needs["necesidad"]) == expected


def test_numbers_for_nivel_and_ambito_read_in_the_catalogue_s_order_with_a_warning_and_nulls_are_nothing():
    found = read(files.database_dump)
    assert stored(found, "departamento", "nivel", "ambito", "institucion") == [
        ("Quetzaltenango", "Nacional", "Gestión de Riesgos y Defensa Civil", ""),
        ("Quetzaltenango", "Comunitario", "Seguridad Interior", "")]
    assert codes(found).count("valores-numericos") == 2


def test_a_kobo_repeat_group_takes_its_parent_row_s_place_event_and_date():
    found = read(files.repeat_group_sheets)
    assert stored(found, "departamento", "evento") == [("Sololá", "Taller departamental de seguridad"),
                                                       ("Totonicapán", "Conversatorio de seguridad")]
    assert [p.code for p in found.problems if p.sheet == "Memoria"] == ["hoja-ignorada"]


def test_a_submission_the_reviewer_rejected_is_set_aside():
    found = read(files.reviewed_submissions)
    assert list(found.needs["necesidad"]) == ["Linchamientos e intentos de justicia por mano propia"]
    assert any(p.code == "filas-ignoradas" and "rechazó" in p.message for p in found.problems)


def test_a_table_on_its_side_reads_one_need_per_column_and_names_the_cells_as_written():
    found = read(files.sideways_table)
    assert [r.description for r in found.readings] == ["Tabla de lado: una necesidad por columna"]
    assert stored(found, "departamento", "municipio", "ambito", "necesidad") == [
        ("Jutiapa", "Moyuta", "Seguridad Exterior", "Contrabando de ganado por los pasos ciegos"),
        ("Jutiapa", "Asunción Mita", "Seguridad Interior", "Asaltos a buses en la CA-1"),
        ("Santa Rosa", "Chiquimulilla", "Gestión de Riesgos y Defensa Civil", "Inundaciones en la aldea El Papaturro")]
    assert list(found.needs["fila"]) == [4, 4, 4]  # where each need stands in the sheet as written
    assert "hoja-ignorada" in codes(found)  # the instructions sheet is named, not read as records


def test_cards_of_label_and_value_lines_read_one_need_per_card_and_their_titles_are_noted():
    found = read(files.cards)
    assert [r.description for r in found.readings] == ["Fichas: una necesidad por ficha"]
    assert stored(found, "municipio", "ambito", "necesidad") == [
        ("Rabinal", "Seguridad Interior", "Robo de ganado en las aldeas altas"),
        ("Cubulco", "Gestión de Riesgos y Defensa Civil", "Deslizamientos sobre el camino a la cabecera")]
    (titles,) = [p for p in found.problems if p.code == "filas-ignoradas"]
    assert "Filas 1 y 7" in titles.message and titles.value == "Ficha 1"


def test_a_memoria_written_as_text_reads_each_numbered_point_with_the_headings_above_it():
    found = read(files.word_minutes_without_tables)
    assert [r.description for r in found.readings] == ["Lista en el texto: una necesidad por punto"]
    assert stored(found, "departamento", "municipio", "ambito", "necesidad") == [
        ("Sololá", "Panajachel", "Seguridad Interior", "Robos a turistas en el embarcadero"),
        ("Sololá", "Panajachel", "Seguridad Interior", "Venta de drogas cerca del mercado"),
        ("Sololá", "San Lucas Tolimán", "Gestión de Riesgos y Defensa Civil",
         "Deslaves en la ruta a Godínez durante el invierno")]
    assert set(found.needs["fecha"].astype(str)) == {"2018-08-14"}
    notes = {p.message for p in found.problems if p.code == "filas-ignoradas"}
    assert any("acuerdos" in m and m.startswith("Filas ") for m in notes)  # the agreements are named, not stored


def test_an_email_saved_as_text_keeps_its_commas_inside_each_need():
    found = read(files.email_text)
    assert stored(found, "departamento", "ambito", "necesidad") == [
        ("Jalapa", "Seguridad Interior", "Asaltos en la carretera hacia San Luis Jilotepeque, sobre todo de noche"),
        ("Jalapa", "Seguridad Interior", "Falta de alumbrado público en el barrio El Centro"),
        ("Jalapa", "Gestión de Riesgos y Defensa Civil", "Deslaves en la aldea Santa Gertrudis, sin muro de contención")]
    assert set(found.needs["fecha"].astype(str)) == {"2018-08-31"}
    (lines,) = [p for p in found.problems if p.code == "filas-ignoradas"]
    assert lines.value == "Asunto: Necesidades del taller de Jalapa"  # the greeting and signature are named too


def test_hidden_sheets_are_named_not_read_when_the_sheets_in_sight_hold_the_needs():
    found = read(files.sheets_per_departamento_with_hidden_sheets)
    assert stored(found, "departamento", "municipio") == [
        ("Petén", "Sayaxché"), ("Petén", "La Libertad"), ("Izabal", "Livingston")]  # the old copy is not counted twice
    hidden = {p.sheet: p.message for p in found.problems if p.code == "hoja-ignorada"}
    assert set(hidden) == {"Listas", "Copia anterior"} and all("hoja oculta" in m for m in hidden.values())


def test_a_hidden_sheet_is_read_when_no_sheet_in_sight_holds_needs():
    data = xlsx({"Portada": [["Taller de seguridad de Retalhuleu"]],
                 "Datos": [["Departamento", "Necesidad"], ["Retalhuleu", "Asaltos en la carretera al puerto"]]},
                hidden=("Datos",))
    found = analyse_file(data, "oculta.xlsx")
    assert list(found.needs["necesidad"]) == ["Asaltos en la carretera al puerto"]


def test_codes_in_a_need_s_text_give_it_their_fields_and_leave_the_text():
    found = read(files.codes_in_the_text)
    assert stored(found, "ambito", "nivel", "prioridad", "necesidad") == [
        ("Gestión de Riesgos y Defensa Civil", "Municipal", "Alta", "Deslaves en la ruta a San Martín Jilotepeque"),
        ("Seguridad Interior", "Comunitario", "Alta", "Cantinas abiertas de madrugada en la cabecera"),
        # «[Alta]» contradicts the row's «Baja»: the codes stay in the text for the analyst to see
        ("Sin especificar", "Sin especificar", "Baja", "Falta de agentes en la subestación (PNC) [SI] [Alta]")]
    (note,) = [p for p in found.problems if p.code == "codigos-en-el-texto"]
    assert note.message.startswith("2 necesidades traían códigos en su texto («[GRDC]», «[COMUDE]», «[SI]»)")
    assert "Nivel y Ámbito" in note.message


def test_a_need_written_on_two_lines_under_a_two_line_header_is_one_need():
    found = read(files.two_lines_per_need)
    assert [r.description for r in found.readings] == ["Tabla de dos líneas: una necesidad cada dos filas"]
    assert stored(found, "municipio", "ambito", "nivel", "institucion", "necesidad", "fila") == [
        ("Cobán", "Seguridad Interior", "Municipal", "PNC", "Robos en la terminal de buses", 4),
        ("Salamá", "Gestión de Riesgos y Defensa Civil", "Departamental", "CONRED", "Crecidas del río Salamá en invierno", 6)]


def test_sub_columns_under_each_ambito_are_one_need_per_ambito_with_its_own_priority():
    found = read(files.sub_columns_per_ambito)
    assert stored(found, "municipio", "ambito", "prioridad", "necesidad") == [
        ("Cuilapa", "Seguridad Interior", "Alta", "Robos en el parque central"),
        ("Cuilapa", "Gestión de Riesgos y Defensa Civil", "Media", "Crecidas del río Los Esclavos"),
        ("Barberena", "Seguridad Interior", "Media", "Asaltos a buses en la CA-1")]


def test_a_row_that_groups_the_header_below_it_states_no_value():
    found = read(files.csv_with_two_header_rows)
    assert stored(found, "municipio", "ambito", "evento") == [
        ("Panajachel", "Seguridad Interior", ""), ("Santiago Atitlán", "Gestión de Riesgos y Defensa Civil", "")]


def test_the_analyst_can_pick_another_shape_that_also_fits():
    found = read(files.matrix_of_marks)
    (table,) = found.readings
    assert [key for key, _ in table.alternatives] == ["marcas", "tabla"]
    plain = read(files.matrix_of_marks, Choices(shapes={table.key: "tabla"}))
    assert plain.readings[0].description == "Tabla: una necesidad por fila"
    assert set(plain.needs["ambito"]) == {"Sin especificar"}  # the marks are no longer read…
    assert {p.column for p in plain.problems if p.code == "columna-ignorada"} >= {"SI", "SE"}  # …and it says so


def test_event_date_and_place_set_for_the_whole_file_fill_the_rows_that_do_not_say_them(store):
    name, data = files.unmapped_text_column()
    chosen = Choices(stated={"evento": "Mesa regional", "fecha": "05/09/2018"})
    found = analyse_file(data, name, choices=chosen)
    assert set(found.needs["evento"]) == {"Mesa regional"} and set(found.needs["fecha"].astype(str)) == {"2018-09-05"}
    assert "valor-de-todo-el-archivo" in codes(found)


def test_a_table_without_a_place_is_read_once_the_analyst_sets_the_place():
    name, data = files.repeat_group_sheets()
    needs_only = data  # the needs' sheet alone would have no place; here the parent sheet gives it
    assert len(analyse_file(needs_only, name).needs) == 2
    from tests.builders import xlsx
    lone = xlsx({"necesidades": [["Necesidad", "Ámbito"], ["Red de agua vulnerable a deslaves", "Gestión de riesgos"]]})
    with pytest.raises(Exception, match="fije el lugar de todo el archivo"):
        analyse_file(lone, "sin_lugar.xlsx")
    placed = analyse_file(lone, "sin_lugar.xlsx", choices=Choices(stated={"departamento": "Sololá"}))
    assert list(placed.needs["departamento"]) == ["Sololá"]


def test_the_stored_report_keeps_the_notes(store):
    name, data = files.matrix_by_ambito()
    report = import_file(store, data, name)
    kept = store.upload(report.upload_id)["problems"]
    assert {"lista-dividida", "celdas-sin-necesidad", "valor-del-titulo"} <= {p["code"] for p in kept}
    assert all(p["severity"] == NOTE for p in kept if p["code"] == "lista-dividida")


def sample():
    from analysis.ingest import SAMPLE_PATH
    return SAMPLE_PATH.name, SAMPLE_PATH.read_bytes()


@pytest.mark.parametrize("build", (*files.ALL, sample), ids=lambda b: b.__name__)
def test_nothing_leaves_a_file_in_silence(build):
    """Every filled cell of every fixture is a need, a field of one, or named in a note: never «celdas-sin-leer»."""
    found = read(build)
    assert "celdas-sin-leer" not in codes(found), [p.message for p in found.problems if p.code == "celdas-sin-leer"]
