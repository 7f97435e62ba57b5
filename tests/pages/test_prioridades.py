"""Prioridades prints its formula: the columns on screen are its operands, so an analyst can redo every score."""
import re

import pytest


@pytest.mark.parametrize("query", [{}, {"departamento": ["Petén"]}, {"ambito": ["Seguridad Exterior"]}])
def test_prioridades_shows_the_columns_its_score_is_computed_from(app, query):
    """Redone by hand from the columns on screen, with the formula the caption prints, every Puntaje comes out."""
    at = app("pages/prioridades.py", query)
    caption = next(c.value for c in at.caption if c.value.startswith("Puntaje = "))
    terms = re.findall(r"(\d+) × ([A-Za-zá ]+?)(?= \+|\.)", caption)
    assert [level for _, level in terms] == ["Alta", "Media", "Baja", "Sin prioridad"]
    tables = [frame.value for frame in at.dataframe if "Puntaje" in frame.value.columns]
    assert len(tables) == 3 and all(len(table) for table in tables)
    for table in tables:
        redone = sum(int(weight) * table[level] for weight, level in terms)
        assert list(redone) == list(table["Puntaje"])
        assert list(sum(table[level] for _, level in terms)) == list(table["Pendientes"])
        assert list(table["Puntaje"]) == sorted(table["Puntaje"], reverse=True)
