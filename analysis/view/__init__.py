"""The needs in view and what they say: the one filter model, counts and crosstabs, the text index (themes,
recurring needs), comparisons between workshops, priority scores and rates per inhabitant."""
from analysis.view import aggregation, comparison, population, priority, themes
from analysis.view.filters import DATE_PARAMS, SEARCH_PARAM, Filters, all_params, filter_options
from analysis.view.ordering import sort_needs
from analysis.view.textindex import TextIndex, build_text_index, index_version

__all__ = ["DATE_PARAMS", "SEARCH_PARAM", "Filters", "TextIndex", "aggregation", "all_params", "build_text_index",
           "comparison", "filter_options", "population", "priority", "sort_needs", "themes", "index_version"]
