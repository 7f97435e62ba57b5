"""Sessions looking at the same view share one computation, and a new upload is seen at the next rerun."""
from analysis.ingest import import_file
from tests.builders import need, simple_xlsx
from ui import data


def _charts(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def _counter(at) -> str:
    return next(m.value for m in at.sidebar.markdown if "conteo" in m.value)


def test_a_second_session_on_the_same_view_draws_the_same_charts_without_computing_them(app, app_store):
    before = data.SHARED.computed
    first = app(query={"departamento": "Petén"})
    computed = data.SHARED.computed
    assert computed > before  # the first session worked the view out…
    second = app(query={"departamento": "Petén"})
    assert data.SHARED.computed == computed  # …the second, nothing: filters, options, figures all shared
    assert _charts(second) == _charts(first) and len(_charts(first)) == 4
    assert _counter(second) == _counter(first)

    other = app(query={"departamento": "Izabal"})  # another view is its own
    assert data.SHARED.computed > computed and _charts(other) != _charts(first)


def test_an_upload_elsewhere_is_drawn_at_the_next_rerun_not_the_cached_view(app, app_store):
    at = app(query={"departamento": "Petén"})
    before = _counter(at)
    import_file(app_store, simple_xlsx([need(), need(necesidad="Robo de ganado en las aldeas")]), "taller.xlsx",
                user="otra sesión")  # as another process would: straight into the store
    at.run()
    assert _counter(at) != before and "<b>2</b> de 2 necesidades" in _counter(at)  # the sample gave way
