"""Cargar datos: upload a spreadsheet, check how it was understood, correct the columns, confirm.

Rejected values can be corrected in place (accept the suggestion or type another value), and
a file that overlaps an earlier upload (a corrected re-upload) is offered to replace it."""
import dataclasses
import datetime as dt
import hashlib

import streamlit as st

from analysis import fields
from analysis.fields import parse_fecha, reference
from analysis.formatting import format_int, plain, plural
from analysis.ingest import (
    IMPORTED,
    STATED_FIELDS,
    Choices,
    Rejected,
    analyse_file,
    duplicate_report,
    overlap_message,
    preview,
    rejected_values,
    sha256_of,
    store_analysis,
    warm_up,
    with_correction,
)
from analysis.layouts import FIELD_LABELS, FIELDS, role_words
from analysis.reading import ACCEPTED_EXTENSIONS, FileRefused, MissingColumns
from analysis.reports import problems_frame, template_bytes, to_xlsx_bytes
from ui import auth, data, upload_additions
from ui import view as views
from ui.widgets import show_table, upload_result_message

IGNORE = "— Ignorar —"
FIELD_CHOICES = [IGNORE] + [FIELD_LABELS[f] for f in FIELDS]
FIELD_BY_LABEL = {FIELD_LABELS[f]: f for f in FIELDS}
UPLOADER = "_cargador"

views.current()  # the shared sidebar and navigation are in place
warm_up()  # the process that reads files in isolation (analysis.sandbox) gets ready while a file is chosen
st.title("Cargar datos")
st.session_state.setdefault(UPLOADER, 0)
upload_result_message()
upload_additions.show_pending()

intro, template = st.columns([3, 1], vertical_alignment="center")
intro.markdown("Cargue la hoja de cálculo de un taller tal como llegó (Excel, LibreOffice o CSV). Antes de guardar "
               "verá cómo se entendió cada columna y qué filas tienen problemas.")
template.download_button("Descargar plantilla", template_bytes, file_name="plantilla_necesidades.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         icon=":material/description:", on_click="ignore", width="stretch")

uploaded = st.file_uploader("Archivo de necesidades", type=sorted(e.lstrip(".") for e in ACCEPTED_EXTENSIONS),
                            key=f"archivo_{st.session_state[UPLOADER]}",
                            help="Formatos: .xlsx, .xlsm, .xls, .ods, .csv, .txt. Tamaño máximo: 50 MB.")


def _finish(message: tuple[str, str]) -> None:
    st.session_state["_resultado_carga"] = message
    st.session_state[UPLOADER] += 1  # a new, empty uploader


if uploaded is None:
    st.stop()

content = uploaded.getvalue()
store = data.store()
sha = sha256_of(content)
if existing := store.find_upload(sha):
    st.info(plain(duplicate_report(store, uploaded.name, sha, existing["id"]).reason), icon=":material/content_copy:")
    st.button("Cargar otro archivo", on_click=_finish, args=(("info", "No se cargó el archivo repetido."),))
    st.stop()

# The analyst's corrections to the column mapping: header -> field ("" = ignore).
overrides_key = f"_columnas_{sha}"
overrides = st.session_state.setdefault(overrides_key, {})
# The analyst's corrections to rejected values: (field, value as written) -> value to use.
corrections_key = f"_correcciones_{sha}"
corrections = st.session_state.setdefault(corrections_key, {})
# The analyst's decisions on how the file is read: each table's shape, lists kept whole, values for the whole file.
choices_key = f"_elecciones_{sha}"
choices = st.session_state.setdefault(choices_key, Choices())


def column_editor(tables) -> None:
    """Headers of the tables found and the field each feeds; a change re-validates at once."""
    if not any(h for t in tables for h in t.headers):
        st.caption("El archivo no tiene encabezados de columnas: cada necesidad toma sus datos de los títulos y "
                   "encabezados del texto que tiene encima.")
        return
    st.caption("Revise a qué dato corresponde cada columna y corríjalo si hace falta; el archivo se vuelve a "
               "validar al instante.")
    headers = list(dict.fromkeys(h for t in tables for h in t.headers if h))
    mapping = {c.header: c.field for t in tables for c in t.columns if c.field != "region"}
    confidence = {c.header: c.confidence for t in tables for c in t.columns}
    read_as = {h: words for t in tables for h, r in zip(t.headers, t.roles) if h and (words := role_words(r))}
    shown = {h: FIELD_LABELS[mapping[h]] if h in mapping else read_as.get(h, IGNORE) for h in headers}
    rows = [{"Encabezado en el archivo": h, "Dato": shown[h], "Confianza": confidence.get(h)} for h in headers]
    editor_key = f"editor_{sha}_{abs(hash(tuple(sorted(overrides.items()))))}"  # a fresh editor after each change
    edited = st.data_editor(rows, hide_index=True, width="stretch", key=editor_key, column_config={
        "Encabezado en el archivo": st.column_config.TextColumn(disabled=True),
        "Dato": st.column_config.SelectboxColumn(options=FIELD_CHOICES + sorted(set(read_as.values())), required=True),
        "Confianza": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent"),
    })
    changes = {row["Encabezado en el archivo"]: FIELD_BY_LABEL.get(row["Dato"], "") for row in edited
               if row["Dato"] != shown[row["Encabezado en el archivo"]]}
    if changes:
        st.session_state[overrides_key] = overrides | changes
        st.rerun()


def _choose(**changes) -> None:
    st.session_state[choices_key] = dataclasses.replace(st.session_state[choices_key], **changes)


def _choose_shape(table_key: str, widget: str, options: dict[str, str]) -> None:
    picked = options[st.session_state[widget]]
    _choose(shapes={**st.session_state[choices_key].shapes, table_key: picked})


def shape_choices(found) -> None:
    """Each table's shape in words, and the others that also fit, to pick from."""
    for reading in found.readings:
        where = f"Hoja «{plain(reading.sheet)}»" + (f", encabezado en la fila {reading.header_row}"
                                                    if reading.header_row else "")
        if len(reading.alternatives) < 2:
            st.caption(f"{where}: {reading.description}.")
            continue
        options = {description: key for key, description in reading.alternatives}
        widget = f"_forma_{sha}_{reading.key}"
        st.session_state[widget] = reading.description
        st.selectbox(f"Cómo se lee la tabla ({where})", list(options), key=widget, on_change=_choose_shape,
                     args=(reading.key, widget, options),
                     help="La forma elegida es la que mejor explica la tabla; si otra la describe mejor, elíjala y el "
                          "archivo se vuelve a leer al instante.")


def _set_stated() -> None:
    values = {name: str(st.session_state.get(f"_fijar_{sha}_{name}") or "").strip() for name in STATED_FIELDS}
    if isinstance(day := st.session_state.get(f"_fijar_{sha}_fecha"), dt.date):
        values["fecha"] = day.strftime("%d/%m/%Y")
    _choose(stated={name: value for name, value in values.items() if value})


def stated_values(found) -> None:
    """Where the values stated once for a table came from (a title, the sheet's name), and the analyst's own
    event, date and place for the whole file."""
    sources = {name: f"«{plain(value)}» ({where})" for reading in found.readings
               for name, (value, where) in reading.sources.items()}
    with st.expander("Evento, fecha y lugar de todo el archivo", expanded=bool(sources)):
        if sources:
            st.markdown("Tomado del archivo para las filas que no lo dicen: " + "; ".join(
                f"**{fields.label(name)}** {said}" for name, said in sources.items()) + ".")
        st.caption("Fije aquí lo que el archivo no dice o dice mal: vale para todas las filas que no lo traen.")
        stated = choices.stated
        left, middle, right, last = st.columns(4)
        left.text_input("Evento", value=stated.get("evento", ""), key=f"_fijar_{sha}_evento", max_chars=200)
        middle.date_input("Fecha", value=parse_fecha(stated.get("fecha", "")), key=f"_fijar_{sha}_fecha",
                          format="DD/MM/YYYY")
        names = ["", *reference.departamentos().values()]
        right.selectbox("Departamento", names, index=names.index(stated.get("departamento", "")),
                        key=f"_fijar_{sha}_departamento", format_func=lambda n: n or "— Sin fijar —")
        last.text_input("Municipio", value=stated.get("municipio", ""), key=f"_fijar_{sha}_municipio",
                        max_chars=80)
        st.button("Aplicar a todo el archivo", on_click=_set_stated, icon=":material/done_all:")


def _keep_whole(widget: str, keys: list[str]) -> None:
    edited = st.session_state[widget]["edited_rows"]
    whole = set(st.session_state[choices_key].whole)
    for position, change in edited.items():
        if "Mantener como una" in change:
            (whole.add if change["Mantener como una"] else whole.discard)(keys[int(position)])
    _choose(whole=frozenset(whole))


def list_choices(found) -> None:
    """The cells that listed several needs, each stored as its own need unless the analyst keeps it whole."""
    if not found.splits:
        return
    frame = preview.splits_frame(found)
    parts = int(frame.loc[~frame["Mantener como una"], "Necesidades"].sum())
    st.markdown(f"**Listas dentro de una celda:** {plural(len(frame), 'celda')} con varias necesidades; se guardan "
                f"{plural(parts, 'necesidad')} por separado. Marque «Mantener como una» si una celda es una sola "
                "necesidad.")
    widget = f"_listas_{sha}_{abs(hash(choices.whole))}"
    st.data_editor(frame, hide_index=True, width="stretch", key=widget, disabled=list(frame.columns[:-1]),
                   on_change=_keep_whole, args=(widget, [s.key for s in found.splits]),
                   height=min(320, 40 + 35 * len(frame)),
                   column_config={"Primera": st.column_config.TextColumn(width="large")})


refusal = None
with st.status("Leyendo y validando el archivo…", expanded=False) as status:
    try:
        analysis = analyse_file(content, uploaded.name, overrides or None, corrections or None, choices)
        status.update(label=f"Archivo leído: {plural(len(analysis.needs) + analysis.rows_rejected, 'fila')} de "
                            f"datos en {plural(len(analysis.readings), 'tabla')}", state="complete")
    except FileRefused as refused:
        refusal = refused
        status.update(label="El archivo no se puede importar tal como está", state="error")
if refusal is not None:
    st.error(plain(refusal), icon=":material/block:")
    if isinstance(refusal, MissingColumns):
        st.header("Columnas")
        column_editor(refusal.tables)
    st.stop()

st.header("1. Hojas encontradas")
show_table(preview.sheets_frame(analysis))
shape_choices(analysis)
stated_values(analysis)
list_choices(analysis)

st.header("2. Columnas")
column_editor(analysis.tables)

not_needs = [p for p in preview.notes(analysis) if p.code != "lista-dividida"]  # the lists have their own table
if not_needs:
    st.header("Lo que no son necesidades")
    st.caption("Todo lo que el archivo tiene además de necesidades queda aquí, con el motivo: nada se descarta sin "
               "decirlo.")
    show_table(problems_frame([p.as_dict() for p in not_needs])[["Hoja", "Mensaje", "Código"]],
               column_config={"Mensaje": st.column_config.TextColumn(width="large")},
               height=min(360, 40 + 35 * len(not_needs)))

st.header("3. Validación")
counted = preview.counts(analysis)
cols = st.columns(3)
cols[0].metric("Filas que se importarán", format_int(counted.importable), border=True)
cols[1].metric("Filas rechazadas", format_int(counted.rows_rejected), border=True)
cols[2].metric("Advertencias", format_int(counted.warnings), border=True,
               help="Observaciones que no impiden guardar la fila (o que valen para toda una hoja).")
if checked := preview.validation_problems(analysis):
    report = problems_frame([p.as_dict() for p in checked])
    st.caption(f"{counted.summary()}. Cada observación indica hoja, fila, columna y valor.")
    show_table(report, height=min(420, 40 + 35 * len(report)))
    st.download_button("Descargar el informe de validación (Excel)",
                       lambda: to_xlsx_bytes(problems_frame([p.as_dict() for p in analysis.problems]), "Informe"),
                       file_name=f"informe_{uploaded.name.rsplit('.', 1)[0]}.xlsx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
    if analysis.rows_rejected:
        st.caption("Las filas rechazadas no se guardan. Corrija sus valores aquí abajo, o en el archivo y "
                   "cárguelo de nuevo.")
else:
    st.success("Todas las filas son válidas.", icon=":material/check_circle:")


def _correct(field: str, value: str, new: str) -> None:
    st.session_state[corrections_key] = with_correction(st.session_state[corrections_key], field, value, new)


def _uncorrect(field: str, original: str) -> None:
    st.session_state[corrections_key] = {k: v for k, v in st.session_state[corrections_key].items()
                                         if k != (field, original)}


def _correct_typed(field: str, value: str, key: str) -> None:
    if typed := st.session_state.get(key, "").strip():
        _correct(field, value, typed)


def correction_editor(rejected: list[Rejected]) -> None:
    """Each distinct rejected value with its suggestion to accept, or another value to type; the
    choice applies to every row with that value and the file is validated again at once."""
    st.caption("Acepte la sugerencia o escriba el valor correcto: se aplica a todas las filas que tienen ese "
               "valor y el archivo se vuelve a validar al instante. El archivo original no cambia; el informe "
               "de la carga guarda cada valor original y su corrección.")
    for item in rejected:
        key = "corregir_" + hashlib.sha1(f"{item.field}\0{item.value}".encode()).hexdigest()[:12]
        with st.container(border=True):
            text, actions = st.columns([3, 2], vertical_alignment="center")
            text.markdown(f"**{plain(item.column)}** «{plain(item.value)}» · "
                          f"{plural(item.rows, 'fila rechazada', 'filas rechazadas')}")
            text.caption(plain(item.message))
            for option in item.suggestions:
                actions.button(f"Aceptar «{plain(option)}»", key=f"{key}_{option}", on_click=_correct,
                               args=(item.field, item.value, option), icon=":material/check:", width="stretch")
            actions.text_input("Otro valor", key=f"{key}_otro", on_change=_correct_typed,
                               args=(item.field, item.value, f"{key}_otro"),
                               placeholder="Escriba el valor correcto y presione Intro")
    if corrections:
        st.markdown("**Correcciones aplicadas**")
        for (field, original), used in list(corrections.items()):
            text, undo = st.columns([4, 1], vertical_alignment="center")
            text.markdown(f"{FIELD_LABELS.get(field, field)}: «{plain(original)}» → «{plain(used)}»")
            undo.button("Quitar", key="quitar_" + hashlib.sha1(f"{field}\0{original}".encode()).hexdigest()[:12],
                        on_click=_uncorrect, args=(field, original), width="stretch")


rejected = rejected_values(analysis.problems)
if rejected or corrections:
    st.header("4. Corregir valores rechazados")
    correction_editor(rejected)


@auth.guarded("change_data")
def _import(replace: int | None = None) -> None:
    with st.spinner("Guardando…"):
        result = store_analysis(store, analysis, replace=replace, user=auth.actor(), address=auth.address())
    data.invalidate()
    if result.status == IMPORTED:
        upload_additions.remember(result.upload_id)
        replaced = (f" La carga n.º {replace}, a la que reemplaza, quedó oculta (puede restaurarse en el Historial "
                    "de cargas)." if result.replaced_upload_id else "")
        _finish(("success", f"Se importaron {plural(result.rows_imported, 'necesidad')} de «{plain(uploaded.name)}» "
                            f"(carga n.º {result.upload_id}). Todas las páginas ya las muestran.{replaced}"))
    else:
        _finish(("error", plain(result.reason or "No se importó el archivo.")))


overlap = next(iter(store.overlaps(analysis.needs)), None)
if overlap:
    st.warning(f"{plain(overlap_message(overlap, len(analysis.needs)))} Si este archivo corrige esa carga, "
               f"reemplácela: la carga n.º {overlap.upload_id} se oculta (puede restaurarse en el Historial de "
               "cargas) y sus filas no se cuentan dos veces.", icon=":material/difference:")
    replace, confirm, cancel = st.columns([2, 2, 1])
    replace.button(f"Reemplazar la carga n.º {overlap.upload_id}", type="primary", on_click=_import,
                   args=(overlap.upload_id,), disabled=analysis.needs.empty, icon=":material/swap_horiz:",
                   width="stretch")
else:
    confirm, cancel, _ = st.columns([2, 1, 3])
confirm.button(f"Importar {plural(len(analysis.needs), 'necesidad')}", type="secondary" if overlap else "primary",
               on_click=_import, disabled=analysis.needs.empty, icon=":material/save:", width="stretch")
cancel.button("Cancelar", on_click=_finish, args=(("info", "Carga cancelada: no se guardó nada."),),
              width="stretch")
