"""The shared filter model: what it selects and how it reads."""
import datetime as dt

import pandas as pd

from analysis.text import normalize, normalize_series
from analysis.view.filters import Filters, departamento_options, municipio_options
from analysis.view.textindex import build_text_index


def frame(rows):
    columns = ["departamento", "municipio", "region", "nivel", "ambito", "necesidad", "prioridad", "institucion",
               "evento", "fecha"]
    return pd.DataFrame(rows, columns=columns)


NEEDS = frame([
    ["Petén", "Flores", "VIII Petén", "Municipal", "Seguridad Interior", "Extorsión a transportistas", "Alta", "PNC",
     "Taller A", pd.Timestamp(2017, 11, 9)],
    ["Izabal", "", "III Nororiente", "Comunitario", "Seguridad Exterior", "Contrabando", "Media", "SAT", "Taller B",
     pd.Timestamp(2018, 5, 17)],
    ["Izabal", "Livingston", "III Nororiente", "Municipal", "Seguridad Interior", "Alumbrado público", "", "",
     "Taller B", pd.NaT],
])


def test_no_filter_keeps_everything_and_reads_as_such():
    assert len(Filters().apply(NEEDS)) == 3
    assert Filters().summary() == "Todas las necesidades" and not Filters().active


def test_list_filters_combine():
    selected = Filters.of(departamento=["Izabal"], nivel=["Municipal"]).apply(NEEDS)
    assert list(selected["necesidad"]) == ["Alumbrado público"]


def test_date_range_excludes_unknown_dates():
    selected = Filters.of(desde=dt.date(2018, 1, 1)).apply(NEEDS)
    assert list(selected["necesidad"]) == ["Contrabando"]
    assert len(Filters.of(hasta=dt.date(2017, 12, 31)).apply(NEEDS)) == 1


def test_search_ignores_accents_and_case_and_covers_institution():
    assert list(Filters.of(texto="EXTORSION").apply(NEEDS)["departamento"]) == ["Petén"]
    assert list(Filters.of(texto="publico alumbrado").apply(NEEDS)["departamento"]) == ["Izabal"]
    assert len(Filters.of(texto="sat").apply(NEEDS)) == 1
    index = build_text_index(NEEDS)
    assert len(Filters.of(texto="contrabando").apply(NEEDS, index.busqueda)) == 1


def test_summary_is_readable():
    filters = Filters.of(departamento=["Petén", "Izabal", "Zacapa"], ambito=["Seguridad Interior"],
                      desde=dt.date(2018, 1, 1), texto=" patrullas ")
    assert filters.summary() == "3 departamentos · Seguridad Interior · desde 01/01/2018 · «patrullas»"


def test_url_form_round_trips_and_reads_pasted_dates():
    filters = Filters.of(departamento=["Petén", "Izabal"], ambito=["Seguridad Interior"], desde=dt.date(2018, 1, 1),
                         texto="extorsión")
    params = filters.to_params()
    assert params == {"departamento": ["Petén", "Izabal"], "ambito": ["Seguridad Interior"], "desde": "2018-01-01",
                      "buscar": "extorsión"}
    assert Filters.from_params(params) == filters
    assert Filters.from_params({"departamento": "Petén", "hasta": "31/12/2017", "pagina": "3"}) == Filters.of(
        departamento=["Petén"], hasta=dt.date(2017, 12, 31))


def test_unknown_filters_and_bad_dates_are_refused_in_spanish():
    import pytest
    with pytest.raises(ValueError, match="No se puede filtrar por: color"):
        Filters.of(color=["rojo"])
    with pytest.raises(ValueError, match="Fecha no válida"):
        Filters.from_params({"desde": "ayer"})


def test_narrowing_replaces_one_choice_and_keeps_catalogue_order():
    filters = Filters.of(ambito=["Seguridad Interior"]).narrowed("departamento", ["Petén"])
    assert filters.chosen == (("departamento", ("Petén",)), ("ambito", ("Seguridad Interior",)))
    assert filters.narrowed("ambito", []).chosen == (("departamento", ("Petén",)),)


def test_options_narrow():
    assert municipio_options(NEEDS, ()) == ["Flores", "Livingston"]
    assert municipio_options(NEEDS, ("Izabal",)) == ["Livingston"]
    assert departamento_options(NEEDS, ("III Nororiente",)) == ["El Progreso", "Izabal", "Zacapa", "Chiquimula"]


def test_vectorised_normalisation_matches_the_scalar_one():
    texts = pd.Series(["Petén", "  ¿Extorsión?  ", "Niño/niña", "GESTIÓN DE RIESGOS", "Año 2017: 9-11", "Ü ö"])
    assert list(normalize_series(texts)) == [normalize(t) for t in texts]


def test_theme_filter_keeps_needs_with_any_chosen_theme():
    index = build_text_index(NEEDS)
    chosen = Filters.of(tema=["Extorsión", "Contrabando"])
    assert list(chosen.apply(NEEDS, index.busqueda, index.temas)["departamento"]) == ["Petén", "Izabal"]
    assert list(chosen.apply(NEEDS)["necesidad"]) == ["Extorsión a transportistas", "Contrabando"]  # flags built
    assert chosen.summary() == "2 temas" and chosen.describe() == [("Tema", "Extorsión, Contrabando")]
    assert Filters.of(tema=["Extorsión"], departamento=["Izabal"]).apply(NEEDS).empty


def test_other_themes_selects_needs_without_any_theme():
    odd = pd.concat([NEEDS, frame([["Petén", "", "VIII Petén", "Municipal", "Seguridad Interior", "Asunto 123", "",
                                    "", "", pd.NaT]])], ignore_index=True)
    assert list(Filters.of(tema=["Otros temas"]).apply(odd)["necesidad"]) == ["Asunto 123"]


def test_theme_filter_round_trips_through_the_url():
    filters = Filters.of(tema=["Extorsión", "Pandillas y maras"], ambito=["Seguridad Interior"])
    assert filters.to_params() == {"ambito": ["Seguridad Interior"], "tema": ["Extorsión", "Pandillas y maras"]}
    assert Filters.from_params(filters.to_params()) == filters
    assert Filters.from_params({"tema": "Extorsión"}).values("tema") == ("Extorsión",)
