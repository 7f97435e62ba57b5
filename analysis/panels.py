"""The catalogue of panels: every chart of the dashboard declared once, Streamlit-free.

A panel has a stable key, a title, the numbers it draws (computed from the needs in
view and the filters), a figure built from those numbers at any size (`Look`), the
fields a click on it narrows, and a one-sentence takeaway written from the data.
The pages, the chart images, the PowerPoint, the presentation mode and the saved
views all walk this one table, so a chart fixed once is fixed everywhere (the way
datasette keeps one declarative table of filters and renders it several ways).
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from analysis import aggregation, charts, fields, geo, maps, reference
from analysis.charts import SCREEN, Look
from analysis.filters import Filters
from analysis.formatting import format_int, format_pct
from analysis.textindex import TextIndex, build_text_index

ALL = "Todas las necesidades"  # the map's «colour by» choice meaning every ámbito
CHOICE_AMBITO = "mapa_ambito"
CHOICE_DEPARTAMENTO = "mapa_departamento"


@dataclass(frozen=True)
class Context:
    """What a panel is drawn from: the needs in view, the filters, and page-level choices."""

    needs: pd.DataFrame  # the needs in view
    total: int  # every visible need, before filters
    filters: Filters
    index: TextIndex  # normalised text of the needs (at least those in view)
    choices: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, all_needs: pd.DataFrame, filters: Filters, index: TextIndex | None = None,
           choices: Mapping[str, str] | None = None) -> "Context":
        index = index or build_text_index(all_needs)
        return cls(filters.apply(all_needs, index.busqueda, index.temas), len(all_needs), filters, index, dict(choices or {}))

    def choice(self, key: str) -> str:
        """A page-level choice, or its default (every ámbito; the chosen or busiest department)."""
        if key == CHOICE_AMBITO:
            value = self.choices.get(key)
            return value if value in reference.AMBITOS else ALL
        value = self.choices.get(key)
        return value if value in reference.departamentos().values() else default_departamento(self)

    @property
    def scoped(self) -> pd.DataFrame:
        """The needs in view within the map's ámbito choice."""
        ambito = self.choice(CHOICE_AMBITO)
        return self.needs if ambito == ALL else self.needs[self.needs["ambito"] == ambito]

    @property
    def scope_words(self) -> str:
        ambito = self.choice(CHOICE_AMBITO)
        return "necesidades" if ambito == ALL else f"necesidades de {ambito}"


def _first_upper(text: str) -> str:
    """«necesidades de Seguridad Interior» -> «Necesidades de Seguridad Interior» (names keep their capitals)."""
    return text[:1].upper() + text[1:]


def default_departamento(ctx: Context) -> str:
    """The department the municipal map opens on: the one chosen in the filters, else the busiest in view."""
    chosen = ctx.filters.values("departamento")
    if len(chosen) == 1 and chosen[0] in reference.departamentos().values():
        return chosen[0]
    busiest = aggregation.busiest(aggregation.coverage(ctx.needs, ctx.filters), "departamento")
    return busiest or next(iter(reference.departamentos().values()))


@dataclass(frozen=True)
class Drawn:
    """A panel drawn for one context and look."""

    key: str
    title: str
    figure: go.Figure
    data: pd.DataFrame  # the numbers drawn (native PowerPoint charts, tables, tests)
    takeaway: str
    kind: str
    category: str | None  # the column holding bar categories (bars only)


@dataclass(frozen=True)
class Panel:
    key: str
    kind: str  # bars | stacked | heatmap | map | table
    title: Callable[[Context], str]
    compute: Callable[[Context], pd.DataFrame]
    figure: Callable[[Context, pd.DataFrame, Look, str], go.Figure]
    takeaway: Callable[[Context, pd.DataFrame], str]
    narrows: tuple[str, ...] = ()
    category: str | None = None
    report: bool = True  # one slide in the PowerPoint and in presentation mode

    def draw(self, ctx: Context, look: Look = SCREEN) -> Drawn:
        data = self.compute(ctx)
        title = self.title(ctx)
        takeaway = self.takeaway(ctx, data) if len(ctx.needs) else "No hay necesidades con los filtros actuales."
        return Drawn(self.key, title, self.figure(ctx, data, look, title), data, takeaway, self.kind, self.category)


# ── Takeaways ─────────────────────────────────────────────────────────────────────────


def _pct(part: float, whole: float) -> str:
    return format_pct(part, whole, digits=0)


def _leader(frame: pd.DataFrame, column: str) -> tuple[str, int] | None:
    counted = frame[frame["necesidades"] > 0].sort_values("necesidades", ascending=False, kind="stable")
    return (str(counted[column].iloc[0]), int(counted["necesidades"].iloc[0])) if len(counted) else None


def _share_sentence(subject: str, belongs: str) -> Callable[[Context, pd.DataFrame], str]:
    """«Seguridad Interior concentra el 43 % de las necesidades» for a count_by frame.

    `subject` words the leading value («el nivel {}»), `belongs` says that every need is
    of it («del nivel {}»).
    """
    def sentence(ctx: Context, frame: pd.DataFrame) -> str:
        total = int(frame["necesidades"].sum())
        lead = _leader(frame, frame.columns[0])
        if lead is None:
            return "No hay necesidades con los filtros actuales."
        name, count = lead
        if count == total:
            return f"Todas las necesidades en vista ({format_int(total)}) son {belongs.format(name)}."
        said = subject.format(name)
        return f"{said[0].upper()}{said[1:]} concentra el {_pct(count, total)} de las necesidades."
    return sentence


def _departamento_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    lead = _leader(frame, "departamento")
    if lead is None:
        return "No hay necesidades con los filtros actuales."
    name, count = lead
    return (f"{name} es el departamento con más necesidades: {format_int(count)} "
            f"({_pct(count, frame['necesidades'].sum())}).")


def _map_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    inside = frame[frame["en_filtro"]]
    covered = int((inside["necesidades"] > 0).sum())
    lead = _leader(inside, "departamento")
    head = f"{covered} de {len(inside)} departamentos tienen {ctx.scope_words} registradas"
    return f"{head}; {lead[0]} encabeza con {format_int(lead[1])}." if lead else f"{head}."


def _municipio_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    departamento = ctx.choice(CHOICE_DEPARTAMENTO)
    inside = frame[frame["en_filtro"]]
    covered = int((inside["necesidades"] > 0).sum())
    lead = _leader(inside, "municipio")
    head = f"{covered} de {len(inside)} municipios de {departamento} tienen {ctx.scope_words} registradas"
    return f"{head}; {lead[0]} encabeza con {format_int(lead[1])}." if lead else f"{head}."


def _cell_takeaway(row_words: str) -> Callable[[Context, pd.DataFrame], str]:
    def sentence(ctx: Context, table: pd.DataFrame) -> str:
        if table.empty or table.to_numpy().max() == 0:
            return "No hay necesidades con los filtros actuales."
        stacked = table.stack()
        (row, column), count = stacked.idxmax(), int(stacked.max())
        return (f"La combinación más frecuente es {row_words.format(row)} en {column}: {format_int(count)} "
                f"necesidades ({_pct(count, table.to_numpy().sum())}).")
    return sentence


def _institution_takeaway(focus: str | None, words: str) -> Callable[[Context, pd.DataFrame], str]:
    def sentence(ctx: Context, table: pd.DataFrame) -> str:
        if table.empty:
            return "Las necesidades en vista no indican institución responsable."
        column = table[focus] if focus in table.columns else table.sum(axis=1)
        if column.max() == 0:
            return f"Ninguna institución tiene necesidades {words}."
        return (f"{column.idxmax()} es la institución con más necesidades {words}: "
                f"{format_int(int(column.max()))}.").replace("  ", " ")
    return sentence


def _pending_takeaway(ctx: Context, table: pd.DataFrame) -> str:
    if table.empty:
        return "Las necesidades en vista no indican institución responsable."
    total = int(table.to_numpy().sum())
    done = int(table["Atendida"].sum()) if "Atendida" in table.columns else 0
    return (f"{format_int(total - done)} de {format_int(total)} necesidades con institución responsable siguen sin "
            f"atenderse ({_pct(total - done, total)}).")


def _theme_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    named = frame[frame["tema"] != aggregation.OTHER]
    if named.empty or named["necesidades"].max() == 0:
        return "Ninguna descripción en vista coincide con los temas conocidos."
    top = named.iloc[0]
    return (f"El tema más frecuente es «{top['tema']}»: {format_int(int(top['necesidades']))} necesidades "
            f"({_pct(top['necesidades'], len(ctx.needs))}).")


def _frequent_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    if frame.empty:
        return "No hay necesidades con los filtros actuales."
    top = frame.iloc[0]
    times = int(top["Veces"])
    if times == 1:
        return "Ninguna necesidad se repite con las mismas palabras en la vista actual."
    return f"«{charts.short(top['Necesidad'], 70)}» es la necesidad más repetida: {format_int(times)} veces."


# ── Numbers ───────────────────────────────────────────────────────────────────────────


def _counts(column: str, keep_order: bool = False, scoped: bool = False) -> Callable[[Context], pd.DataFrame]:
    def compute(ctx: Context) -> pd.DataFrame:
        needs = ctx.scoped if scoped else ctx.needs
        frame = aggregation.count_by(needs, column, keep_order=keep_order)
        allowed = aggregation.in_scope(column, ctx.filters)
        if keep_order and allowed is not None:  # values the filters exclude are not zeros: leave them out
            frame = frame[frame[column].isin(allowed) | (frame["necesidades"] > 0)].reset_index(drop=True)
        return frame
    return compute


def _themes(ctx: Context) -> pd.DataFrame:
    top = aggregation.headline(ctx.needs, ctx.total, ctx.index).temas.head(10)
    frame = top.rename_axis("tema").reset_index()
    frame["porcentaje"] = frame["necesidades"] / max(len(ctx.needs), 1) * 100
    return frame


def _frequent(ctx: Context) -> pd.DataFrame:
    ranked = aggregation.top_needs(ctx.needs, 10, ctx.index)
    return ranked.rename(columns={"necesidad": "Necesidad", "necesidades": "Veces"})


def _municipios(ctx: Context) -> pd.DataFrame:
    return aggregation.municipio_coverage(ctx.scoped, ctx.choice(CHOICE_DEPARTAMENTO), ctx.filters)


# ── Figures ───────────────────────────────────────────────────────────────────────────


def _bars(column: str, field_key: str | None, sort: bool = True, colors: dict | None = None):
    def figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str) -> go.Figure:
        return charts.bars(frame, column, title, look, colors=colors, sort=sort, field=field_key)
    return figure


def _heatmap(rows: str, columns: str):
    def figure(ctx: Context, table: pd.DataFrame, look: Look, title: str) -> go.Figure:
        return charts.heatmap(table, title, fields.label(columns), fields.label(rows), look, fields_=(rows, columns))
    return figure


def _stacked(colors: dict):
    def figure(ctx: Context, table: pd.DataFrame, look: Look, title: str) -> go.Figure:
        return charts.stacked(table, title, colors, look)
    return figure


def _map_figure(areas: Callable[[Context], tuple], name: str, extra: Callable[[Context], dict],
                max_callouts: int | None = None):
    def figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str) -> go.Figure:
        counts = dict(zip(frame["codigo"], frame["necesidades"]))
        outside = set(frame.loc[~frame["en_filtro"], "codigo"])
        clicks = {code: {name: value, **extra(ctx)} for code, value in zip(frame["codigo"], frame[name])}
        legend_above = maps.is_wide(look.map) and (~frame["en_filtro"] | (frame["necesidades"] == 0)).any()
        top = charts.top_margin(go.Figure(), look, title, legend_on_top=False) + (30 if legend_above else 0)
        band = maps.legend_band(look.map)  # the colour scale and the legend under a square map
        canvas = replace(look.map, height=look.height - top - band - 10) if look.height else look.map
        fig = maps.area_map(areas(ctx), counts, outside, clicks=clicks, canvas=canvas, max_callouts=max_callouts)
        charts.style(fig, look, title, top + canvas.height + band + 10, legend_on_top=False)
        return fig.update_layout(margin_b=band + 10, margin_t=top)
    return figure


def _table(ctx: Context, frame: pd.DataFrame, look: Look, title: str) -> go.Figure:
    return charts.table_figure(frame, title, look, widths=[8, 1])


# ── The catalogue ─────────────────────────────────────────────────────────────────────

PANELS: dict[str, Panel] = {p.key: p for p in (
    Panel("ambitos", "bars", lambda c: "Necesidades por ámbito de seguridad", _counts("ambito", keep_order=True),
          _bars("ambito", "ambito", sort=False, colors=charts.AMBITO_COLORS), _share_sentence("{}", "de {}"),
          narrows=("ambito",), category="ambito"),
    Panel("departamentos", "bars", lambda c: "Necesidades por departamento", _counts("departamento"),
          _bars("departamento", "departamento"), _departamento_takeaway, narrows=("departamento",),
          category="departamento"),
    Panel("mapa_departamentos", "map", lambda c: f"{_first_upper(c.scope_words)} por departamento",
          lambda c: aggregation.coverage(c.scoped, c.filters),
          _map_figure(lambda c: geo.departamento_areas(), "departamento", lambda c: {}), _map_takeaway,
          narrows=("departamento",)),
    Panel("regiones", "bars", lambda c: f"{_first_upper(c.scope_words)} por región",
          _counts("region", keep_order=True, scoped=True), _bars("region", "region", sort=False),
          _share_sentence("la región {}", "de la región {}"), narrows=("region",), category="region"),
    Panel("niveles", "bars", lambda c: "Necesidades por nivel territorial", _counts("nivel", keep_order=True),
          _bars("nivel", "nivel", sort=False), _share_sentence("el nivel {}", "del nivel {}"), narrows=("nivel",), category="nivel"),
    Panel("departamento_ambito", "heatmap", lambda c: "Departamento × ámbito",
          lambda c: aggregation.crosstab(c.needs, "departamento", "ambito", c.filters),
          _heatmap("departamento", "ambito"), _cell_takeaway("{}"), narrows=("departamento", "ambito")),
    Panel("nivel_ambito", "heatmap", lambda c: "Nivel × ámbito",
          lambda c: aggregation.crosstab(c.needs, "nivel", "ambito", c.filters),
          _heatmap("nivel", "ambito"), _cell_takeaway("el nivel {}"), narrows=("nivel", "ambito")),
    Panel("temas", "bars", lambda c: "Temas más frecuentes en las descripciones", _themes, _bars("tema", "tema"),
          _theme_takeaway, narrows=("tema",), category="tema"),
    Panel("instituciones_ambito", "stacked", lambda c: "Instituciones por ámbito",
          lambda c: aggregation.top_institutions(c.needs, "ambito"), _stacked(charts.AMBITO_COLORS),
          _institution_takeaway(None, "asignadas")),
    Panel("instituciones_prioridad", "stacked", lambda c: "Instituciones por prioridad",
          lambda c: aggregation.institution_breakdown(c.needs, "prioridad"), _stacked(charts.PRIORIDAD_COLORS),
          _institution_takeaway("Alta", "de prioridad alta")),
    Panel("instituciones_estado", "stacked", lambda c: "Instituciones por estado de seguimiento",
          lambda c: aggregation.institution_breakdown(c.needs, "estado"), _stacked(charts.ESTADO_COLORS),
          _pending_takeaway),
    Panel("necesidades_frecuentes", "table", lambda c: "Las diez necesidades más frecuentes", _frequent, _table,
          _frequent_takeaway),
    Panel("mapa_municipios", "map",
          lambda c: f"{c.choice(CHOICE_DEPARTAMENTO)}: {c.scope_words} por municipio", _municipios,
          _map_figure(lambda c: geo.municipio_areas(_codigo(c.choice(CHOICE_DEPARTAMENTO))), "municipio",
                      lambda c: {"departamento": c.choice(CHOICE_DEPARTAMENTO)}, maps.DENSE_CALLOUTS),
          _municipio_takeaway, narrows=("municipio", "departamento"), report=False),
)}


def _codigo(departamento: str) -> int:
    return {v: k for k, v in reference.departamentos().items()}[departamento]


def report_panels(filters: Filters) -> list[Panel]:
    """The panels of the PowerPoint and the presentation mode, in order.

    The municipio map joins when the filters narrow the view to one department.
    """
    chosen = [p for p in PANELS.values() if p.report]
    if len(filters.values("departamento")) == 1:
        chosen.insert(3, PANELS["mapa_municipios"])
    return chosen
