"""Population of the 2018 census and needs per 100,000 inhabitants."""
import pandas as pd

from analysis.fields import reference
from analysis.view import population


def test_the_departamentos_sum_to_the_national_census_total():
    people = population.population()
    departamentos = {code: n for code, n in people.items() if code <= 22}
    assert set(departamentos) == set(reference.departamentos())
    assert sum(departamentos.values()) == population.NATIONAL_TOTAL == 14_901_286
    assert people[1] == 3_015_081 and people[2] == 176_632  # the most and the least populated
    assert set(people) == set(departamentos)  # the bundled table has departamentos only (municipio rows: below)


def test_rates_put_small_departments_with_many_needs_first():
    needs = pd.DataFrame({"departamento": ["Guatemala"] * 30 + ["El Progreso"] * 10 + ["Sin especificar"] * 5,
                          "municipio_codigo": [101] * 30 + [201] * 10 + [None] * 5})
    table = population.per_100k(needs)
    assert len(table) == 22 and list(table.columns) == ["codigo", "departamento", "poblacion", "necesidades", "por_100k"]
    first = table.iloc[0]
    assert first["departamento"] == "El Progreso" and round(first["por_100k"], 2) == round(10 / 176_632 * 1e5, 2)
    assert table.set_index("departamento").loc["Guatemala", "necesidades"] == 30
    assert table.iloc[-1]["necesidades"] == 0


def test_municipio_rates_cover_the_municipios_the_table_has(monkeypatch, tmp_path):
    table = tmp_path / "poblacion.csv"
    table.write_text("# fuente de prueba\ncodigo,lugar,poblacion\n101,Guatemala,923392\n201,Guastatoya,30000\n",
                     encoding="utf-8")
    monkeypatch.setattr(population, "TABLE", table)
    population.population.cache_clear()
    try:
        needs = pd.DataFrame({"departamento": ["Guatemala", "El Progreso"], "municipio_codigo": [101, 201]})
        rates = population.per_100k(needs, "municipio")
        assert list(rates["municipio"]) == ["Guastatoya", "Guatemala"]
        assert round(rates.iloc[0]["por_100k"], 3) == round(1 / 30000 * 1e5, 3)
    finally:
        population.population.cache_clear()
