"""Files laid out the ways workshops, forms and survey tools lay them out, built in code, one per shape and capability.

Each builder returns (file name, bytes). `ALL` lists them, so the «nothing silent» test walks every one.
"""
import io

from tests.builders import csv_bytes, xlsx

TITLE = "Taller de Identificación de Necesidades — Cobán, Alta Verapaz, 15 de marzo de 2018"
AMBITOS = ["Seguridad Interior", "Seguridad Exterior", "Gestión de Riesgos y Defensa Civil", "Inteligencia de Estado"]


def matrix_by_ambito():
    """A taller in mesas por ámbito: a row per municipio, a column per ámbito, numbered needs in some cells."""
    rows = [["SECRETARÍA TÉCNICA DEL CONSEJO NACIONAL DE SEGURIDAD"], [TITLE], [],
            ["Municipio", *AMBITOS],
            ["Cobán", "1. Asaltos a la salida de las discotecas\n2. Venta de licor clandestino en los cantones",
             "Venta de documentos falsos a extranjeros", "Sin necesidades identificadas", "—"],
            ["San Pedro Carchá", "", "Pesca ilegal de barcos extranjeros", "Viviendas en la ribera sin reubicar",
             "No se identifican los liderazgos de las extorsiones"],
            ["Chisec", "Extorsiones a transportistas y comercios", "Narcotráfico en fincas de la frontera",
             "1. Puentes colgantes dañados. 2. Techos de lámina rotos por el viento. 3. Laderas sin muro",
             "Poco intercambio de información con la fiscalía"],
            [], ["Fuente: relatoría de las mesas"]]
    return "matriz_ambitos.xlsx", xlsx({"Matriz": rows})


def matrix_by_nivel():
    """One column per nivel, the ámbito written once in a merged block over its departamentos."""
    rows = [["Ámbito", "Departamento", "Comunitario", "Municipal", "Departamental", "Regional", "Nacional"],
            ["Seguridad Interior", "Huehuetenango", "", "Pandillas cerca de los institutos", "", "", "Fiscalía lejana"],
            [None, "Quiché", "Talleres que desarman motos robadas", "", "Sicariato de mototaxistas", "", ""],
            ["Seguridad Exterior", "Huehuetenango", "Pasos fluviales sin control migratorio", "", "", "", ""]]
    return "matriz_niveles.xlsx", xlsx({"Por nivel": rows}, {"Por nivel": ["A2:A3"]})


def matrix_by_departamento():
    """One column per departamento of a región, a row per ámbito."""
    rows = [["Encuentro regional de gobernadores — Región VI Suroccidente, 20 de abril de 2018"],
            ["Ámbito", "Quetzaltenango", "San Marcos", "Sololá"],
            ["Seguridad Interior", "Robos en el mercado de la terminal", "Extorsión a tiendas de barrio", ""],
            ["Gestión de Riesgos y Defensa Civil", "", "Deslaves en la carretera al altiplano", "Crecidas del lago"]]
    return "matriz_departamentos.xlsx", xlsx({"Suroccidente": rows})


def matrix_of_marks():
    """A row per need and an «X» under its ámbito; a row that marks two; a total row under the table."""
    rows = [["Departamento: Zacapa"], [],
            ["No.", "Necesidad identificada", "Municipio", "SI", "SE", "GRDC", "IE"],
            [1, "Acoso callejero a las estudiantes", "Estanzuela", "X", "", "", ""],
            [2, "Crecida de la laguna junto a las viviendas", "Teculután", "", "", "X", ""],
            [3, "Vigilancia débil en los ríos de la frontera", "Gualán", "", "X", "", "X"],
            [None, "Total por ámbito", None, 1, 1, 1, 1]]
    return "marcas.xlsx", xlsx({"Hoja1": rows})


def kobo_export():
    """KoboToolbox «XML values and headers»: group paths, choice names, select-multiple 0/1 columns, metadata."""
    header = ["start", "end", "today", "deviceid", "datos/departamento", "datos/municipio", "necesidad/descripcion",
              "necesidad/ambito", "necesidad/ambito/seguridad_interior", "necesidad/ambito/seguridad_exterior",
              "necesidad/nivel", "_id", "_uuid", "_submission_time", "_index"]
    rows = [["2018-05-09T09:48:40-06:00", "2018-05-09T09:52:40-06:00", "2018-05-09", "collect:abc", "peten", "flores",
             "Venta de drogas en las canchas", "seguridad_interior", "1", "0", "departamental", "118", "u1",
             "2018-05-09T15:52:21", "1"],
            ["2018-05-09T10:09:19-06:00", "2018-05-09T10:13:19-06:00", "2018-05-09", "collect:def", "peten",
             "melchor_de_mencos", "Mototaxis sin registro que facilitan asaltos", "seguridad_interior seguridad_exterior",
             "1", "1", "municipal", "119", "u2", "2018-05-09T16:13:28", "2"]]
    return "kobo.csv", csv_bytes(rows, header=header, sep=";")


def repeated_groups():
    """Several needs side by side in one row: «Necesidad 1 | Ámbito 1 | Necesidad 2 | Ámbito 2»."""
    rows = [["Departamento", "Municipio", "Necesidad 1", "Ámbito 1", "Prioridad 1", "Necesidad 2", "Ámbito 2",
             "Prioridad 2"],
            ["Jutiapa", "Moyuta", "Plan de respuesta desactualizado", "Gestión de riesgos", "Media",
             "Drenajes tapados que inundan el centro", "Gestión de riesgos", "Baja"],
            ["Jalapa", "Monjas", "Venta de drogas en los parques", "Interior", "Alta", "", "", ""]]
    return "grupos.xlsx", xlsx({"Necesidades": rows})


def survey_one_question_per_ambito():
    """Google Forms: a timestamp, one question per ámbito, a grid «Prioridad [ámbito]», a free comment."""
    rows = [["Marca temporal", "Departamento", "Municipio", "Necesidad principal en Seguridad Interior",
             "Necesidad principal en Seguridad Exterior", "Prioridad [Seguridad Interior]",
             "Prioridad [Seguridad Exterior]", "Comentarios adicionales"],
            ["08/06/2018 10:05:19", "Baja Verapaz", "Rabinal", "Trata de personas en bares y cantinas",
             "Control débil de la carga en tránsito", "Media", "Baja", "Gracias por el espacio de diálogo"],
            ["08/06/2018 10:12:16", "Baja Verapaz", "Salamá", "Desconfianza en la policía", "", "Alta", "",
             "Que vuelvan a convocar a las comunidades del norte"]]
    return "formulario.xlsx", xlsx({"Respuestas de formulario 1": rows})


def band_rows():
    """Rows that set a departamento and an ámbito for the rows under them."""
    rows = [["CONSOLIDADO REGIONAL"], [], ["Municipio", "Necesidad", "Nivel"],
            ["DEPARTAMENTO DE ESCUINTLA"], ["SEGURIDAD INTERIOR"],
            ["Palín", "Coordinación escasa entre PNC y municipalidad", "Municipal"],
            ["GESTIÓN DE RIESGOS Y DEFENSA CIVIL"],
            ["Iztapa", "Erosión costera que amenaza las viviendas", "Comunitario"]]
    return "bandas.xlsx", xlsx({"Consolidado": rows})


def lists_in_cells():
    """Needs listed inside a cell in several ways, and cells that only look like lists."""
    rows = [["Municipio", "Ámbito", "Necesidades identificadas"],
            ["Quetzaltenango", "Seguridad Interior", "1. Pandillas cerca de los institutos\n2. Robos de celulares en las paradas"],
            ["Coatepeque", "Inteligencia de Estado", "a) Denuncias anónimas sin seguimiento\nb) Poca coordinación con el MP"],
            ["Cantel", "Seguridad Interior", "• Estructuras criminales sin investigar\n• Falta de analistas en la subestación"],
            ["Almolonga", "Seguridad Interior", "Robos a viviendas; Asaltos a buses extraurbanos"],
            ["Salcajá", "Gestión de Riesgos y Defensa Civil", "Mercado municipal sin extintores\nni salidas de emergencia señalizadas"],
            ["Olintepeque", "Seguridad Interior", "3 agentes de la PNC para atender 40 comunidades"],
            ["Zunil", "Gestión de Riesgos y Defensa Civil", "1. Falta de una COLRED juramentada"]]
    return "listas.xlsx", xlsx({"Quetzaltenango": rows})


def legend_sheet():
    """Coded cells explained by a «Códigos» sheet, whose labels name the columns («Pri»)."""
    data = [["Depto", "Mun", "Amb", "Niv", "Pri", "Necesidad"],
            ["05", "0502", "SE", "CODEDE", 1, "Patrullajes conjuntos con el país vecino"],
            ["05", "0513", "GRDC", "COMUDE", 3, "Viviendas en el derecho de vía del río"]]
    codes = [["Códigos utilizados"], ["Campo", "Código", "Significado"],
             ["Amb", "SE", "Seguridad Exterior"], ["Amb", "GRDC", "Gestión de Riesgos y Defensa Civil"],
             ["Niv", "CODEDE", "Departamental"], ["Niv", "COMUDE", "Municipal"],
             ["Pri", 1, "Alta"], ["Pri", 3, "Baja"]]
    return "codigos.xlsx", xlsx({"Datos": data, "Códigos": codes})


def legend_beside_the_table():
    """Codes explained by a block beside the table, where 1 is Comunitario (a plain 1–5 would read Nacional)."""
    rows = [["Departamento de Suchitepéquez"],
            ["Municipio", "Necesidad", "Ámbito (código)", "Nivel (código)", "", "CÓDIGOS"],
            ["Mazatenango", "Gobernación sin analistas de información", "D", 5, "", "Ámbito:"],
            ["Patulul", "Familias en la ribera sin plan de evacuación", "C", 1, "", "A = Seguridad Interior"],
            ["Chicacao", "Juntas locales sin acompañamiento", "A", 2, "", "C = Gestión de Riesgos y Defensa Civil"],
            [None, None, None, None, "", "D = Inteligencia de Estado"],
            [None, None, None, None, "", "Nivel:"],
            [None, None, None, None, "", "1 = Comunitario (COCODE)"],
            [None, None, None, None, "", "2 = Municipal (COMUDE)"],
            [None, None, None, None, "", "5 = Nacional (CONADUR)"]]
    return "leyenda.xlsx", xlsx({"Necesidades": rows})


def official_form():
    """A government form: instructions, label/value fields, column numbers, units, observations, signatures."""
    rows = [["FORMULARIO STCNS-NL-01"], ["REGISTRO DE NECESIDADES DE SEGURIDAD"],
            ["Instrucciones: llene una fila por necesidad."],
            ["Departamento:", "Sololá", "", "Fecha:", "20/07/2018"], ["Evento:", "Mesa departamental de seguridad"],
            ["No.", "Municipio", "Descripción de la necesidad", "Ámbito de seguridad", "Nivel territorial", "Prioridad"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["(número)", "(nombre)", "(texto)", "(lista)", "(lista)", "(A/M/B)"],
            [1, "Panajachel", "Violencia intrafamiliar que no se denuncia", "Seguridad Interior", "Comunitario", "Alta"],
            [2, "Santiago Atitlán", "Carretera con grietas por una falla", "Gestión de Riesgos y Defensa Civil",
             "Regional", "Media"],
            ["Observaciones:", "Se acordó revisar las necesidades en la próxima reunión del CODEDE."],
            [],
            ["Elaborado por:", "____________________", "", "Revisado por:", "____________________", "Vo. Bo."],
            ["", "Lic. Marta Ajcalón", "", "", "Ing. Pedro Sicajau", "Gobernador departamental"]]
    return "formulario_oficial.xlsx", xlsx({"Formulario": rows})


def word_memoria():
    """A workshop's memoria in Word: its title, an agenda, a table of needs per mesa, the participants."""
    from docx import Document
    document = Document()
    document.add_heading("Taller regional Nororiente — Puerto Barrios, Izabal", level=1)
    document.add_paragraph("28 de junio de 2018")
    agenda = document.add_table(rows=2, cols=3)
    for cell, text in zip(agenda.rows[0].cells + agenda.rows[1].cells,
                          ["Hora", "Actividad", "Responsable", "08:30", "Inscripción", "STCNS"]):
        cell.text = text
    for mesa, needs in (("Mesa 1: Seguridad Interior", [("Livingston", "Acoso a las niñas en la ruta a la escuela")]),
                        ("Mesa 2: Seguridad Exterior", [("Morales", "La aduana cierra y el paso sigue abierto de noche"),
                                                        ("Livingston", "Lanchas sin control en la desembocadura")])):
        document.add_heading(mesa, level=2)
        table = document.add_table(rows=1 + len(needs), cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Municipio", "Necesidad"
        for row, (municipio, need) in zip(table.rows[1:], needs):
            row.cells[0].text, row.cells[1].text = municipio, need
    document.add_heading("Participantes", level=2)
    people = document.add_table(rows=2, cols=2)
    for cell, text in zip(people.rows[0].cells + people.rows[1].cells, ["Nombre", "Cargo", "Ana Cuz", "Directora"]):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return "memoria.docx", buffer.getvalue()


def mac_csv():
    """A CSV saved by Excel on a Mac: Mac Roman, carriage returns only, semicolons."""
    text = "Departamento;Necesidad;Ámbito\rPetén;Población sin señal en las aldeas;Seguridad Interior\r" \
           "Petén;Presencia limitada del Ejército en la frontera;Seguridad Exterior\r"
    return "mac.csv", text.encode("mac_roman")


def database_dump():
    """A database's export: every field quoted, NULL and \\N for nothing, numbers as codes of a statistics package."""
    text = ('"depto","nivel","ambito","necesidad","institucion"\n'
            '"9","1","3","Ríos contaminados que agravan las crecidas","NULL"\n'
            '"9","5","1","Trata de personas en bares","\\N"\n')
    return "base.csv", text.encode("cp850")


def repeat_group_sheets():
    """KoboToolbox's repeat group: the workshops on one sheet, their needs on another linked by _parent_index."""
    parents = [["start", "Departamento", "Nombre del evento", "Fecha del evento", "_id", "_index"],
               ["2018-08-03 09:02", "Sololá", "Taller departamental de seguridad", "2018-07-20", 1186, 1],
               ["2018-08-03 09:35", "Totonicapán", "Conversatorio de seguridad", "2018-07-27", 1187, 2]]
    children = [["Necesidad identificada", "Ámbito", "_index", "_parent_table_name", "_parent_index"],
                ["Red de agua vulnerable a deslaves", "Gestión de Riesgos y Defensa Civil", 1, "Memoria", 1],
                ["Trata de personas en bares", "Seguridad Interior", 2, "Memoria", 2]]
    return "kobo_repeticion.xlsx", xlsx({"Memoria": parents, "necesidades": children})


def reviewed_submissions():
    """ODK Central: a reviewer rejected a test submission."""
    header = ["SubmissionDate", "datos-departamento", "necesidad-descripcion", "meta-instanceID", "KEY", "ReviewState"]
    rows = [["2018-05-03T15:43:44Z", "Huehuetenango", "Linchamientos e intentos de justicia por mano propia", "uuid:1",
             "uuid:1", "approved"],
            ["2018-05-02T22:10:05Z", "Huehuetenango", "prueba de formulario", "uuid:2", "uuid:2", "rejected"]]
    return "odk.csv", csv_bytes(rows, header=header)


def unmapped_text_column():
    """A column of text no field takes: the analyst must hear of it."""
    rows = [["Departamento", "Necesidad", "Comentario de la mesa"],
            ["Petén", "Falta de patrullajes en las aldeas", "La mesa pide que se convoque de nuevo a los COCODE"],
            ["Izabal", "Contrabando por los ríos", "Se discutió con la capitanía de puerto sin acuerdos"]]
    return "comentarios.xlsx", xlsx({"Datos": rows})


def sideways_table():
    """A table on its side: the field names down the first column, one need per column, an instruction sheet."""
    rows = [["Departamento", "Jutiapa", "Jutiapa", "Santa Rosa"],
            ["Municipio", "Moyuta", "Asunción Mita", "Chiquimulilla"],
            ["Ámbito", "Seguridad Exterior", "Seguridad Interior", "Gestión de Riesgos y Defensa Civil"],
            ["Necesidad identificada", "Contrabando de ganado por los pasos ciegos", "Asaltos a buses en la CA-1",
             "Inundaciones en la aldea El Papaturro"]]
    instructions = [["Instrucciones"], ["1. Escriba una necesidad por columna, con su ámbito y su municipio."]]
    return "de_lado.xlsx", xlsx({"Instrucciones": instructions, "Necesidades": rows})


def cards():
    """A form filled once per need: a card of «label: value» lines, one card under another, a title over each."""
    rows = [["Ficha 1"], ["Departamento: Baja Verapaz"], ["Municipio", "Rabinal"], ["Ámbito", "Seguridad Interior"],
            ["Necesidad:", "Robo de ganado en las aldeas altas"], [],
            ["Ficha 2"], ["Departamento: Baja Verapaz"], ["Municipio", "Cubulco"],
            ["Necesidad:", "Deslizamientos sobre el camino a la cabecera"], ["Ámbito", "Gestión de Riesgos y Defensa Civil"]]
    return "fichas.xlsx", xlsx({"Fichas": rows})


def word_minutes_without_tables():
    """A memoria written as text: a title with place and date, a heading per mesa, Word's own numbered points
    for the needs, and a list of agreements that are not needs."""
    from docx import Document
    document = Document()
    document.add_heading("Memoria del taller departamental de seguridad — Sololá, 14 de agosto de 2018", level=1)
    document.add_paragraph("Se reunieron los alcaldes, el gobernador y los representantes de los COCODE del departamento "
                           "para identificar las necesidades de seguridad de sus territorios.")
    for mesa, place, needs in (
            ("Mesa 1: Seguridad Interior", "Municipio de Panajachel",
             ["Robos a turistas en el embarcadero", "Venta de drogas cerca del mercado"]),
            ("Mesa 2: Gestión de Riesgos y Defensa Civil", "Municipio de San Lucas Tolimán",
             ["Deslaves en la ruta a Godínez durante el invierno"])):
        document.add_heading(mesa, level=2)
        document.add_paragraph(place)
        document.add_paragraph("Necesidades identificadas:")
        for need in needs:
            document.add_paragraph(need, style="List Number")
        document.add_paragraph("Acuerdos:")
        document.add_paragraph("Convocar de nuevo a la mesa en octubre", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return "memoria_sin_tablas.docx", buffer.getvalue()


def email_text():
    """An email saved as text: a greeting, a paragraph with the place and the date, the needs as numbered lines
    under an ámbito each, commas inside them, a zero-width space and a no-break space copied from the mail client."""
    text = ("Asunto: Necesidades del taller de Jalapa\n\nBuenos días, licenciada:\n\n"
            "Le envío lo que se identificó en el taller municipal de Monjas, Jalapa, el 31 de agosto de 2018.\n\n"
            "Seguridad Interior\n1. Asaltos en la carretera hacia San Luis Jilotepeque, sobre todo de noche\n"
            "2.\u00a0Falta de alumbrado público en el barrio El Centro\u200b\n\n"
            "Gestión de Riesgos\n1. Deslaves en la aldea Santa Gertrudis, sin muro de contención\n\n"
            "Saludos cordiales,\nMaría López\n")
    return "correo.txt", text.encode("utf-8")


def sheets_per_departamento_with_hidden_sheets():
    """A sheet per departamento, and two sheets the author hid: the lists behind the drop-downs and an old copy."""
    header = ["Municipio", "Ámbito", "Necesidad"]
    peten = [header, ["Sayaxché", "Seguridad Interior", "Robo de motores fuera de borda en el río"],
             ["La Libertad", "Seguridad Exterior", "Pistas clandestinas en las fincas ganaderas"]]
    izabal = [header, ["Livingston", "Gestión de Riesgos y Defensa Civil", "Marejadas que inundan el barrio Marcos Sánchez"]]
    lists = [["Ámbitos"], *([a] for a in AMBITOS)]
    return "por_departamento.xlsx", xlsx({"Petén": peten, "Izabal": izabal, "Listas": lists, "Copia anterior": peten},
                                         hidden=("Listas", "Copia anterior"))


def codes_in_the_text():
    """Each need tagged in its own text with the codes of its ámbito and nivel, no column for either; one tag
    contradicts the row's own column, and a bracket that is no code stays part of the need."""
    rows = [["Departamento", "Prioridad", "Necesidad"],
            ["Chimaltenango", "Alta", "[GRDC][COMUDE] Deslaves en la ruta a San Martín Jilotepeque"],
            ["Chimaltenango", "Alta", "[SI] [COCODE] Cantinas abiertas de madrugada en la cabecera"],
            ["Chimaltenango", "Baja", "Falta de agentes en la subestación (PNC) [SI] [Alta]"]]
    return "codigos_en_texto.xlsx", xlsx({"Necesidades": rows})


def two_lines_per_need():
    """A printed register: a header of two lines, each need on two lines under it (the second under the second)."""
    rows = [["Registro de necesidades — Región II Norte"],
            ["No.", "Departamento", "Municipio", "Necesidad identificada"],
            [None, "Ámbito", "Nivel", "Institución responsable"],
            [1, "Alta Verapaz", "Cobán", "Robos en la terminal de buses"],
            [None, "Seguridad Interior", "Municipal", "PNC"],
            [2, "Baja Verapaz", "Salamá", "Crecidas del río Salamá en invierno"],
            [None, "Gestión de Riesgos", "Departamental", "CONRED"]]
    return "registro.xlsx", xlsx({"Registro": rows})


def sub_columns_per_ambito():
    """A header of two rows: each ámbito merged over its own «Necesidad | Prioridad» columns."""
    rows = [["Municipio", "Seguridad Interior", None, "Gestión de Riesgos y Defensa Civil", None],
            [None, "Necesidad", "Prioridad", "Necesidad", "Prioridad"],
            ["Cuilapa", "Robos en el parque central", "Alta", "Crecidas del río Los Esclavos", "Media"],
            ["Barberena", "Asaltos a buses en la CA-1", "Media", None, None]]
    return "subcolumnas.xlsx", xlsx({"Santa Rosa": rows}, {"Santa Rosa": ["A1:A2", "B1:C1", "D1:E1"]})


def csv_with_two_header_rows():
    """A CSV whose first row groups the columns («Datos del taller» over the place, «Necesidad identificada» over
    its description and ámbito): a header's upper half, not a title with a value."""
    text = ("Datos del taller,,Necesidad identificada,\nDepartamento,Municipio,Descripción,Ámbito\n"
            "Sololá,Panajachel,Robos a turistas en el embarcadero,Seguridad Interior\n"
            "Sololá,Santiago Atitlán,Crecida del lago en las orillas,Gestión de Riesgos\n")
    return "dos_encabezados.csv", text.encode()


ALL = (matrix_by_ambito, matrix_by_nivel, matrix_by_departamento, matrix_of_marks, kobo_export, repeated_groups,
       survey_one_question_per_ambito, band_rows, lists_in_cells, legend_sheet, legend_beside_the_table, official_form,
       word_memoria, mac_csv, database_dump, repeat_group_sheets, reviewed_submissions, unmapped_text_column,
       sideways_table, cards, word_minutes_without_tables, email_text,
       sheets_per_departamento_with_hidden_sheets, codes_in_the_text,
       two_lines_per_need, sub_columns_per_ambito, csv_with_two_header_rows)
