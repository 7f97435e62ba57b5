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
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from analysis import fields
from analysis.fields import reference
from analysis.formatting import format_decimal, format_int, format_pct, join_names, plural
from analysis.presentation import charts, geo, maps
from analysis.presentation.charts import SCREEN, Look
from analysis.view import aggregation, comparison, population, priority, recurrence
from analysis.view.filters import Filters
from analysis.view.textindex import TextIndex, build_text_index

ALL = "Todas las necesidades"  # the map's «colour by» choice meaning every ámbito
RECURRING_PLACES = 2  # a need is «recurring» when raised in at least this many departamentos
RECURRING_SHOWN = 10
MUNICIPIOS_SHOWN = 15  # bars or matrix rows a slide holds at a readable size
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

    @cached_property
    def sides(self) -> "comparison.Sides | None":
        """The two events or periods the choices compare, split once for every panel and table that shows them."""
        return comparison.sides(self.needs, self.choices)

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
    colors: Mapping[str, str]  # value -> colour of the bars or segments, from the catalogue ({} for one colour)


@dataclass(frozen=True)
class Panel:
    key: str
    kind: str  # bars | stacked | heatmap | map | table
    title: Callable[[Context], str]
    compute: Callable[[Context], pd.DataFrame]
    figure: Callable[[Context, pd.DataFrame, Look, str, Mapping[str, str]], go.Figure]
    takeaway: Callable[[Context, pd.DataFrame], str]
    narrows: tuple[str, ...] = ()
    category: str | None = None
    colored_by: str | None = None  # the field whose catalogue colours paint the bars or segments

    def tells_something(self, ctx: Context) -> bool:
        """Whether the panel's numbers say anything a meeting needs a chart for: at least two bars, areas,
        rows and columns with needs. One category, everything in one bar, all zeros or a one-row matrix
        does not (the deck leaves such a panel out or shows the level below, `analysis.reports.deck`).
        A table of needs tells something whenever there are needs (and is not counted for it: 0.2 s at
        100,000 needs)."""
        if self.kind == "table":
            return not ctx.needs.empty
        data = self.compute(ctx)
        if self.kind == "bars":
            return int((data["necesidades"] > 0).sum()) >= 2
        if self.kind == "map":
            return int((data["en_filtro"] & (data["necesidades"] > 0)).sum()) >= 2
        if self.kind in ("stacked", "heatmap"):
            rows_with_needs = int((data.sum(axis=1) > 0).sum()) if data.size else 0
            return rows_with_needs >= 2 and (self.kind == "stacked" or int((data.sum() > 0).sum()) >= 2)
        return len(data) >= 2

    def draw(self, ctx: Context, look: Look = SCREEN) -> Drawn:
        data = self.compute(ctx)
        title = self.title(ctx)
        takeaway = self.takeaway(ctx, data) if len(ctx.needs) else "No hay necesidades con los filtros actuales."
        colors = fields.get(self.colored_by).colors if self.colored_by else {}
        return Drawn(self.key, title, self.figure(ctx, data, look, title, colors), data, takeaway, self.kind,
                     self.category, colors)


# ── Takeaways ─────────────────────────────────────────────────────────────────────────


def _pct(part: float, whole: float) -> str:
    return format_pct(part, whole, digits=0)


def _lead(frame: pd.DataFrame, column: str) -> aggregation.Leaders | None:
    """Who leads a count frame, by the one tie rule (`aggregation.leaders`)."""
    return aggregation.leaders(frame.set_index(column)["necesidades"])


def lead_words(lead: aggregation.Leaders | None) -> str:
    """The count beside a leading name on a card: «39 necesidades», or «empatan con 39 necesidades cada uno»."""
    if lead is None:
        return ""
    return f"empatan con {plural(lead.count, 'necesidad')} cada uno" if lead.tie else plural(lead.count, "necesidad")


def _heads(lead: aggregation.Leaders) -> str:
    """«Petén encabeza con 39», or «Petén e Izabal empatan con 39 cada uno»."""
    if lead.tie:
        return f"{lead.said} empatan con {format_int(lead.count)} cada uno"
    return f"{lead.said} encabeza con {format_int(lead.count)}"


def where(ctx: Context) -> str:
    """The place the view is narrowed to, as a sentence opens: «En Petén, », «En la región VIII Petén, » or «»."""
    for key, words in (("municipio", "En {}, "), ("departamento", "En {}, "), ("region", "En la región {}, ")):
        if chosen := [v for v in ctx.filters.values(key) if v]:
            return words.format(join_names(list(chosen)))
    return ""


def _said(template: str, lead: aggregation.Leaders) -> str:
    return join_names([template.format(name) for name in lead.names])


def _share_sentence(subject: str, belongs: str) -> Callable[[Context, pd.DataFrame], str]:
    """«Seguridad Interior concentra el 43 % de las necesidades» for a count_by frame; in a filtered view
    «En Petén, Seguridad Interior reúne 39 de las 81 necesidades (48 %)»; tied values «empatan».

    `subject` words the leading value («el nivel {}»), `belongs` says that every need is
    of it («del nivel {}»).
    """
    def sentence(ctx: Context, frame: pd.DataFrame) -> str:
        total = int(frame["necesidades"].sum())
        lead = _lead(frame, frame.columns[0])
        if lead is None:
            return "No hay necesidades con los filtros actuales."
        place = where(ctx)
        if lead.count == total:
            return f"{place}todas las necesidades en vista ({format_int(total)}) son {belongs.format(lead.said)}."
        said = _said(subject, lead)
        if lead.tie:
            text = (f"{place}{said} empatan con {format_int(lead.count)} de las {format_int(total)} necesidades "
                    f"cada uno ({_pct(lead.count, total)}).")
        elif ctx.filters.active:
            text = f"{place}{said} reúne {format_int(lead.count)} de las {format_int(total)} necesidades ({_pct(lead.count, total)})."
        else:
            text = f"{said} concentra el {_pct(lead.count, total)} de las necesidades."
        return _first_upper(text)
    return sentence


def _departamento_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    lead = _lead(frame, "departamento")
    if lead is None:
        return "No hay necesidades con los filtros actuales."
    total = int(frame["necesidades"].sum())
    if lead.count == total:  # one department in view: its count, not «el departamento con más»
        return f"Todas las necesidades en vista ({format_int(total)}) son de {lead.said}."
    share = _pct(lead.count, total)
    if lead.tie:
        return (f"{lead.said} empatan como los departamentos con más necesidades: {format_int(lead.count)} cada uno "
                f"({share}).")
    return f"{lead.said} es el departamento con más necesidades: {format_int(lead.count)} ({share})."


def _municipios_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    lead = _lead(frame, "municipio")
    if lead is None:
        return "No hay necesidades con los filtros actuales."
    total = f"{format_int(len(_placed(ctx)))} que indican municipio"
    if lead.tie:
        return _first_upper(f"{where(ctx)}{lead.said} empatan como los municipios con más necesidades: "
                            f"{format_int(lead.count)} cada uno de las {total}.")
    return _first_upper(f"{where(ctx)}{lead.said} es el municipio con más necesidades: {format_int(lead.count)} de "
                        f"las {total}.")


def _coverage_takeaway(inside: pd.DataFrame, column: str, areas: str) -> str:
    """«8 de 14 municipios de Petén tienen necesidades registradas; San Benito encabeza con 12.»"""
    covered = int((inside["necesidades"] > 0).sum())
    lead = _lead(inside, column)
    head = f"{covered} de {areas}"
    return f"{head}; {_heads(lead)}." if lead else f"{head}."


def _map_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    inside = frame[frame["en_filtro"]]
    if len(inside) == 1:  # one departamento in view: its count, not «1 de 1»
        return f"{inside['departamento'].iloc[0]}: {plural(int(inside['necesidades'].iloc[0]), 'necesidad')} registradas."
    return _coverage_takeaway(inside, "departamento",
                              f"{len(inside)} departamentos tienen {ctx.scope_words} registradas")


def _municipio_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    inside = frame[frame["en_filtro"]]
    return _coverage_takeaway(inside, "municipio", f"{len(inside)} municipios de {ctx.choice(CHOICE_DEPARTAMENTO)} "
                                                   f"tienen {ctx.scope_words} registradas")


def _cell_takeaway(row_words: str) -> Callable[[Context, pd.DataFrame], str]:
    def sentence(ctx: Context, table: pd.DataFrame) -> str:
        if table.empty or table.to_numpy().max() == 0:
            return "No hay necesidades con los filtros actuales."
        stacked = table.stack()
        count, total = int(stacked.max()), int(table.to_numpy().sum())
        cells = [f"{row_words.format(row)} en {column}" for (row, column) in stacked.index[stacked == count]]
        if len(cells) > 1:
            return _first_upper(f"{where(ctx)}{join_names(cells)} empatan como las combinaciones más frecuentes: "
                                f"{format_int(count)} necesidades cada una ({_pct(count, total)}).")
        return _first_upper(f"{where(ctx)}la combinación más frecuente es {cells[0]}: {format_int(count)} "
                            f"necesidades ({_pct(count, total)}).")
    return sentence


def _institution_takeaway(focus: str | None, words: str) -> Callable[[Context, pd.DataFrame], str]:
    def sentence(ctx: Context, table: pd.DataFrame) -> str:
        if table.empty:
            return "Las necesidades en vista no indican institución responsable."
        column = table[focus] if focus in table.columns else table.sum(axis=1)
        lead = aggregation.leaders(column.rename_axis("institucion"))
        if lead is None:
            return f"Ninguna institución tiene necesidades {words}."
        if lead.tie:
            return f"{lead.said} empatan como las instituciones con más necesidades {words}: {format_int(lead.count)} cada una."
        return f"{lead.said} es la institución con más necesidades {words}: {format_int(lead.count)}."
    return sentence


def _pending_takeaway(ctx: Context, table: pd.DataFrame) -> str:
    if table.empty:
        return "Las necesidades en vista no indican institución responsable."
    total = int(table.to_numpy().sum())
    closed = fields.get("estado").done
    done = int(table[closed].sum()) if closed in table.columns else 0
    return (f"{format_int(total - done)} de {format_int(total)} necesidades con institución responsable siguen sin "
            f"atenderse ({_pct(total - done, total)}).")


def _theme_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    lead = _lead(frame[frame["tema"] != aggregation.OTHER], "tema")
    if lead is None:
        return "Ninguna descripción en vista coincide con los temas conocidos."
    share = _pct(lead.count, len(ctx.needs))
    if lead.tie:
        return (f"Los temas {join_names([f'«{n}»' for n in lead.names])} empatan como los más frecuentes: "
                f"{format_int(lead.count)} necesidades cada uno ({share}).")
    return f"El tema más frecuente es «{lead.said}»: {format_int(lead.count)} necesidades ({share})."


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


def _present(table: pd.DataFrame) -> pd.DataFrame:
    """A breakdown without the segments no need in view has, so its legend lists only values in the view."""
    return table.loc[:, table.sum() > 0] if table.size else table


def _placed(ctx: Context) -> pd.DataFrame:
    """The needs in view that name their municipio (a need without one is on no municipio's bar or row)."""
    return ctx.needs[ctx.needs["municipio"] != ""]


def _municipio_counts(ctx: Context) -> pd.DataFrame:
    """Needs per municipio (the level below one departamento), the busiest MUNICIPIOS_SHOWN."""
    return aggregation.count_by(_placed(ctx), "municipio").head(MUNICIPIOS_SHOWN)


def _municipio_crosstab(ctx: Context) -> pd.DataFrame:
    """Municipio × ámbito (the level below one departamento's row of the department matrix)."""
    table = aggregation.crosstab(_placed(ctx), "municipio", "ambito", ctx.filters)
    return table.loc[aggregation.rank(table.sum(axis=1).rename_axis("municipio")).index[:MUNICIPIOS_SHOWN]]


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


def _bars(column: str, field_key: str | None, sort: bool = True):
    def figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
        return charts.bars(frame, column, title, look, colors=colors, sort=sort, field=field_key)
    return figure


def _heatmap(rows: str, columns: str):
    def figure(ctx: Context, table: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
        return charts.heatmap(table, title, fields.label(columns), fields.label(rows), look, fields_=(rows, columns))
    return figure


def _stacked():
    def figure(ctx: Context, table: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
        return charts.stacked(table, title, colors, look)
    return figure


def _map_figure(areas: Callable[[Context], tuple], name: str, extra: Callable[[Context], dict],
                max_callouts: int | None = None):
    def figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
        counts = dict(zip(frame["codigo"], frame["necesidades"]))
        outside = set(frame.loc[~frame["en_filtro"], "codigo"])
        clicks = {code: {name: value, **extra(ctx)} for code, value in zip(frame["codigo"], frame[name])}
        legend_above = maps.is_wide(look.map) and (~frame["en_filtro"] | (frame["necesidades"] == 0)).any()
        top = charts.top_margin(charts.new_figure(), look, title, legend_on_top=False) + (30 if legend_above else 0)
        band = maps.legend_band(look.map)  # the colour scale and the legend under a square map
        canvas = replace(look.map, height=look.height - top - band - 10) if look.height else look.map
        fig = maps.area_map(areas(ctx), counts, outside, clicks=clicks, canvas=canvas, max_callouts=max_callouts)
        return charts.style(fig, look, title, top + canvas.height + band + 10, legend_on_top=False,
                            margin=dict(b=band + 10, t=top))
    return figure


def _table(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
    return charts.table_figure(frame, title, look, widths=[8, 1])


# ── Recurring needs, change between workshops, priority, population ──────────────────


def _recurring(ctx: Context) -> pd.DataFrame:
    """The most widespread needs in view (recurring-need groups, `analysis.view.recurrence`)."""
    return recurrence.recurring_needs(ctx.needs, ctx.index.grupo, RECURRING_PLACES, RECURRING_SHOWN)


def _recurring_figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
    texts = [f"{plural(d, 'departamento')} · {plural(n, 'necesidad')}"
             for d, n in zip(frame["departamentos"], frame["necesidades"])]
    return charts.ranked(frame, "necesidad", "departamentos", title, look, texts)


def _recurring_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    if frame.empty:
        return f"Ninguna necesidad en vista se repite en {RECURRING_PLACES} o más departamentos."
    top = frame.iloc[0]
    return (f"«{charts.short(top['necesidad'], 70)}» es la necesidad más extendida: se identificó en "
            f"{plural(int(top['departamentos']), 'departamento')} ({plural(int(top['necesidades']), 'necesidad')}, "
            f"{plural(int(top['redacciones']), 'redacción', 'redacciones')}).")


def _sides(ctx: Context) -> comparison.Sides | None:
    return ctx.sides


def _compared(by: str, limit: int | None = None) -> Callable[[Context], pd.DataFrame]:
    """Needs per value of `by` in each of the two sets: [by, antes, despues, cambio, situacion]."""
    def compute(ctx: Context) -> pd.DataFrame:
        chosen = _sides(ctx)
        if chosen is None:
            return pd.DataFrame(columns=[by, "antes", "despues", "cambio", "situacion"])
        frame = comparison.compare(chosen.before, chosen.after, by, ctx.index)
        if limit:
            frame = frame.assign(_n=frame["antes"] + frame["despues"]).sort_values("_n", ascending=False,
                                                                                   kind="stable").head(limit)
        return frame.drop(columns="_n", errors="ignore").reset_index(drop=True)
    return compute


def _compared_title(words: str) -> Callable[[Context], str]:
    """«Necesidades por ámbito en cada evento» (the legend names the two; a title naming them would not fit)."""
    def title(ctx: Context) -> str:
        side = "periodo" if ctx.choices.get(comparison.CHOICE_BY) == comparison.BY_PERIOD else "evento"
        return f"{words} en cada {side}"
    return title


def _paired_figure(by: str):
    def figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
        chosen = _sides(ctx)
        names = (chosen.antes, chosen.despues) if chosen else ("Antes", "Después")
        table = frame.set_index(by)[["antes", "despues"]].set_axis(list(names), axis=1)
        return charts.paired(table, title, look, field=by)
    return figure


def _change_takeaway(words: str) -> Callable[[Context, pd.DataFrame], str]:
    """«De 30 a 45 necesidades; Petén es el departamento que más creció: de 3 a 9.»"""
    def sentence(ctx: Context, frame: pd.DataFrame) -> str:
        chosen = _sides(ctx)
        if chosen is None:
            return "Hacen falta dos eventos (o dos periodos) para comparar."
        head = f"De {plural(len(chosen.before), 'necesidad')} a {format_int(len(chosen.after))}"
        grew = frame[frame["cambio"] > 0].sort_values("cambio", ascending=False, kind="stable")
        if grew.empty:
            return f"{head}; ningún {words} tiene más necesidades en «{chosen.despues}»."
        top = grew.iloc[0]
        return (f"{head}; {top.iloc[0]} es el {words} que más creció: de {format_int(top['antes'])} a "
                f"{format_int(top['despues'])}.")
    return sentence


def _timeline(ctx: Context) -> pd.DataFrame:
    """Needs per month or per event, split by ámbito (ámbitos with no need left out)."""
    by = "evento" if ctx.choices.get(comparison.CHOICE_TIMELINE) == "evento" else "mes"
    table = comparison.timeline(ctx.needs, by, split="ambito").set_index("periodo")
    order = [a for a in aggregation.ORDERS["ambito"] if a in table.columns]
    table = table[order + [c for c in table.columns if c not in order]]
    return table.loc[:, table.sum() > 0]


def _timeline_word(ctx: Context) -> str:
    """«evento», or the step of the dates' timeline: «mes», «trimestre» or «año»."""
    if ctx.choices.get(comparison.CHOICE_TIMELINE) == "evento":
        return "evento"
    return comparison.timeline_step(ctx.needs)[0]


def _timeline_title(ctx: Context) -> str:
    return f"Necesidades por {_timeline_word(ctx)}"


def _timeline_takeaway(ctx: Context, table: pd.DataFrame) -> str:
    if table.empty:
        return "Las necesidades en vista no tienen fecha ni evento."
    totals = table.sum(axis=1)
    word = _timeline_word(ctx)
    return (f"«{totals.idxmax()}» es el {word} con más necesidades: {format_int(int(totals.max()))} de "
            f"{format_int(int(totals.sum()))}.")


def _priority_takeaway(ctx: Context, table: pd.DataFrame) -> str:
    first = priority.act_first(ctx.needs, 1)
    if first.empty or first["puntaje"].iloc[0] == 0:
        return "No hay necesidades pendientes con los filtros actuales."
    top = first.iloc[0]
    return (f"Actuar primero en {top['departamento']}, {top['ambito']}: puntaje {format_int(top['puntaje'])} "
            f"({plural(int(top['pendientes']), 'necesidad pendiente', 'necesidades pendientes')}, "
            f"{format_int(top['Alta'])} de prioridad alta).")


def _per_100k(ctx: Context) -> pd.DataFrame:
    frame = population.per_100k(ctx.scoped)
    allowed = aggregation.in_scope("departamento", ctx.filters)
    return frame[frame["departamento"].isin(allowed)].reset_index(drop=True) if allowed is not None else frame


def _per_100k_figure(ctx: Context, frame: pd.DataFrame, look: Look, title: str, colors: Mapping[str, str]) -> go.Figure:
    texts = [f"{format_decimal(r)} ({plural(n, 'necesidad')})" for r, n in zip(frame["por_100k"], frame["necesidades"])]
    return charts.ranked(frame, "departamento", "por_100k", title, look, texts, field="departamento")


def _per_100k_takeaway(ctx: Context, frame: pd.DataFrame) -> str:
    if frame.empty or frame["necesidades"].sum() == 0:
        return "No hay necesidades con los filtros actuales."
    top = frame.iloc[0]
    return (f"{top['departamento']} tiene más {ctx.scope_words} por habitante: {format_decimal(top['por_100k'])} por "
            f"cada 100,000 ({plural(int(top['necesidades']), 'necesidad')} para "
            f"{format_int(top['poblacion'])} habitantes).")


# ── The catalogue ─────────────────────────────────────────────────────────────────────

PANELS: dict[str, Panel] = {p.key: p for p in (
    Panel("ambitos", "bars", lambda c: "Necesidades por ámbito de seguridad", _counts("ambito", keep_order=True),
          _bars("ambito", "ambito", sort=False), _share_sentence("{}", "de {}"),
          narrows=("ambito",), category="ambito", colored_by="ambito"),
    Panel("departamentos", "bars", lambda c: "Necesidades por departamento", _counts("departamento"),
          _bars("departamento", "departamento"), _departamento_takeaway, narrows=("departamento",),
          category="departamento"),
    Panel("municipios", "bars", lambda c: "Necesidades por municipio (las que lo indican)", _municipio_counts, _bars("municipio", "municipio"),
          _municipios_takeaway, narrows=("municipio",), category="municipio"),
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
    Panel("municipio_ambito", "heatmap", lambda c: "Municipio × ámbito (necesidades que indican municipio)", _municipio_crosstab,
          _heatmap("municipio", "ambito"), _cell_takeaway("{}"), narrows=("municipio", "ambito")),
    Panel("nivel_ambito", "heatmap", lambda c: "Nivel × ámbito",
          lambda c: aggregation.crosstab(c.needs, "nivel", "ambito", c.filters),
          _heatmap("nivel", "ambito"), _cell_takeaway("el nivel {}"), narrows=("nivel", "ambito")),
    Panel("temas", "bars", lambda c: "Temas más frecuentes en las descripciones", _themes, _bars("tema", "tema"),
          _theme_takeaway, narrows=("tema",), category="tema"),
    Panel("instituciones_ambito", "stacked", lambda c: "Instituciones por ámbito",
          lambda c: _present(aggregation.top_institutions(c.needs, "ambito")), _stacked(),
          _institution_takeaway(None, "asignadas"), colored_by="ambito"),
    Panel("instituciones_prioridad", "stacked", lambda c: "Instituciones por prioridad",
          lambda c: _present(aggregation.institution_breakdown(c.needs, "prioridad")), _stacked(),
          _institution_takeaway("Alta", "de prioridad alta"), colored_by="prioridad"),
    Panel("instituciones_estado", "stacked", lambda c: "Instituciones por estado de seguimiento",
          lambda c: _present(aggregation.institution_breakdown(c.needs, "estado")), _stacked(),
          _pending_takeaway, colored_by="estado"),
    Panel("necesidades_frecuentes", "table", lambda c: "Las diez necesidades más frecuentes", _frequent, _table,
          _frequent_takeaway),
    Panel("mapa_municipios", "map",
          lambda c: f"{c.choice(CHOICE_DEPARTAMENTO)}: {c.scope_words} por municipio", _municipios,
          _map_figure(lambda c: geo.municipio_areas(_codigo(c.choice(CHOICE_DEPARTAMENTO))), "municipio",
                      lambda c: {"departamento": c.choice(CHOICE_DEPARTAMENTO)}, maps.DENSE_CALLOUTS),
          _municipio_takeaway, narrows=("municipio", "departamento")),
    Panel("recurrentes", "ranked", lambda c: "Necesidades recurrentes: las más extendidas", _recurring,
          _recurring_figure, _recurring_takeaway),
    Panel("comparar_ambitos", "paired", _compared_title("Necesidades por ámbito"), _compared("ambito"), _paired_figure("ambito"),
          _change_takeaway("ámbito"), narrows=("ambito",)),
    Panel("comparar_departamentos", "paired", _compared_title("Necesidades por departamento"), _compared("departamento"),
          _paired_figure("departamento"), _change_takeaway("departamento"), narrows=("departamento",)),
    Panel("comparar_temas", "paired", _compared_title("Los 12 temas más frecuentes"), _compared("tema", 12),
          _paired_figure("tema"), _change_takeaway("tema"), narrows=("tema",)),
    Panel("linea_tiempo", "columns", _timeline_title, _timeline,
          lambda c, t, look, title, colors: charts.columns(t, title, colors, look), _timeline_takeaway,
          colored_by="ambito"),
    Panel("prioridad_mapa", "heatmap", lambda c: "Dónde actuar primero: puntaje por departamento y ámbito",
          lambda c: priority.score_table(c.needs, c.filters),
          lambda c, t, look, title, colors: charts.heatmap(t, title, "Ámbito", "Departamento", look,
                                                   fields_=("departamento", "ambito"), unit="puntos"),
          _priority_takeaway, narrows=("departamento", "ambito")),
    Panel("por_100k", "ranked", lambda c: f"{_first_upper(c.scope_words)} por cada 100,000 habitantes", _per_100k,
          _per_100k_figure, _per_100k_takeaway, narrows=("departamento",)),
)}


def _codigo(departamento: str) -> int:
    return {v: k for k, v in reference.departamentos().items()}[departamento]
