"""Command line over the same functions the dashboard uses: `python -m analysis …`.

Messages are in Spanish for analysts; `--json` output is for scripts and tests.
A refused file ends with a one-line reason on stderr and exit code 2, never a
traceback. Any other failure (a full disk, a database out of reach) ends in one
Spanish sentence and exit code 3; its technical detail goes to the console's log
(`data/consola.log`, or the file $TABLERO_REGISTRO_CONSOLA names), never to the screen.
"""
import argparse
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis import PROJECT
from analysis.cli.users import add_parser as add_users_parser
from analysis.cli.users import cmd_users, console_actor
from analysis.formatting import format_datetime, format_instant
from analysis.ingest import DUPLICATE, ERROR, IMPORTED, NOTE, ImportReport, import_file, overlap_message, warm_up
from analysis.layouts import FIELDS
from analysis.reports import template_bytes, with_themes, write_export
from analysis.store import (
    SCHEMA_REVISION,
    BackupError,
    SampleMixRefused,
    Store,
    backup,
    describe_restore,
    explain,
    restore,
)
from analysis.view import build_text_index

_STATUS_WORDS = {IMPORTED: "importado", DUPLICATE: "duplicado", "rejected": "rechazado"}
LOG_ENV = "TABLERO_REGISTRO_CONSOLA"


# argparse writes its own words through gettext; these are the ones an analyst can meet.
_ARGPARSE_WORDS = {
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos",
    "show this help message and exit": "muestra esta ayuda y termina",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "expected one argument": "falta el valor",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
}


@contextmanager
def _spanish_argparse():
    """argparse's own words (written through its module's `_`) in Spanish while the command line is built and
    read, and only then: importing this module changes nothing for the rest of the process."""
    original = argparse._
    argparse._ = lambda text: _ARGPARSE_WORDS.get(text, original(text))
    try:
        yield
    finally:
        argparse._ = original


class _SpanishParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are in English
        self.print_usage(sys.stderr)
        self.exit(2, f"Error en los argumentos: {message}\n")


class UsageError(Exception):
    """A command line that cannot be carried out; the message says why, in Spanish."""


def _parse_map(values: list[str]) -> dict[str, str]:
    overrides = {}
    for item in values:
        header, sep, field = item.rpartition("=")
        field = field.strip()
        if not sep or not header.strip() or (field and field not in FIELDS):
            raise UsageError(f"--map «{item}» no es válido: use \"Encabezado=campo\" con campo uno de "
                             f"{', '.join(FIELDS)} (o vacío para ignorar la columna).")
        overrides[header.strip()] = field
    return overrides


def _print_human(report: ImportReport) -> None:
    word = _STATUS_WORDS[report.status]
    if report.status == IMPORTED:
        replaced = f", reemplaza la carga n.º {report.replaced_upload_id}" if report.replaced_upload_id else ""
        print(f"{report.file}: {word} (carga n.º {report.upload_id or '—'}{replaced}): {report.rows_imported} filas "
              f"importadas, {report.rows_rejected} rechazadas, {report.rows_warned} con advertencias.")
    else:
        print(f"{report.file}: {word}. {report.reason or ''}".rstrip())
    if report.overlap:
        print(f"  aviso: {overlap_message(report.overlap, report.rows_imported)} Si este archivo la corrige, "
              f"impórtelo con --replace {report.overlap.upload_id} para que esas filas no se cuenten dos veces.")
    for p in report.problems:
        where = f"hoja «{p.sheet}»" + (f", fila {p.row}" if p.row else "") + (f", columna «{p.column}»" if p.column else "")
        label = {ERROR: "ERROR", NOTE: "nota"}.get(p.severity, "aviso")
        print(f"  {label}: {where}: {p.message}")


def cmd_import(args) -> int:
    warm_up()  # the reading process gets ready while the store opens
    store = Store(args.db)
    overrides = _parse_map(args.map or [])
    if args.replace is not None and len(args.files) != 1:
        raise UsageError("--replace reemplaza una carga con un solo archivo: indique un único ARCHIVO.")
    worst = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError:
            print(f"No se puede abrir «{name}»: el archivo no existe o no se puede leer.", file=sys.stderr)
            worst = max(worst, 2)
            continue
        report = import_file(store, data, path.name, overrides=overrides, strict=args.strict,
                             dry_run=args.dry_run, user=console_actor(args), replace=args.replace)
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False, default=str))
        else:
            _print_human(report)
        if report.exit_code and report.reason:
            print(f"{path.name}: {report.reason}", file=sys.stderr)
        worst = max(worst, report.exit_code)
    return worst


def cmd_export(args) -> int:
    store = Store(args.db)
    needs = store.needs()
    count = write_export(with_themes(needs, build_text_index(needs, store.corrections.all()).temas), args.output,
                         args.format)
    store.record(console_actor(args), "export", detail={"archivo": Path(args.output).name, "filas": count})
    print(f"{count} necesidades exportadas a {args.output}.")
    return 0


def cmd_uploads(args) -> int:
    frame = Store(args.db).uploads()
    if args.json:
        listed = frame.drop(columns=["sheets", "column_mapping"]).astype(object)
        for column in ("uploaded_at", "deleted_at"):
            listed[column] = frame[column].map(format_instant)
        print(listed.to_json(orient="records", force_ascii=False))
        return 0
    if frame.empty:
        print("No hay cargas registradas.")
    for row in frame.itertuples():
        state = "" if pd.isna(row.deleted_at) else (
            f" [reemplazada por la carga n.º {int(row.replaced_by)}]" if pd.notna(row.replaced_by) else " [eliminada]")
        sample = " [datos de ejemplo]" if row.is_sample else ""
        print(f"{row.id:>4}  {format_datetime(row.uploaded_at)}  {row.filename}  {row.rows_imported} importadas, "
              f"{row.rows_rejected} rechazadas{sample}{state}")
    return 0


def _cmd_set_deleted(args, delete: bool) -> int:
    store = Store(args.db)
    try:
        change = store.delete_upload if delete else store.restore_upload
        done = change(args.upload_id, actor=console_actor(args))
    except SampleMixRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    if not done:
        print(f"No existe la carga n.º {args.upload_id}.", file=sys.stderr)
        return 2
    print(f"Carga n.º {args.upload_id} {'eliminada' if delete else 'restaurada'}.")
    return 0


def cmd_migrate(args) -> int:
    Store(args.db)  # opening a store migrates it, once, under a lock
    print(f"La base está al día (esquema {SCHEMA_REVISION}).")
    return 0


def cmd_backup(args) -> int:
    store = Store(args.db)
    held = backup(store, Path(args.path))
    store.record(console_actor(args), "backup", detail={"archivo": Path(args.path).name, "contenido": str(held)})
    print(f"Copia de seguridad guardada en {args.path}: {held}.")
    return 0


def cmd_restore_backup(args) -> int:
    done = restore(Store(args.db), Path(args.path), actor=console_actor(args), with_backup_accounts=args.cuentas)
    print(describe_restore(args.path, done))
    return 0


def cmd_template(args) -> int:
    Path(args.output).write_bytes(template_bytes())
    print(f"Plantilla guardada en {args.output}.")
    return 0


def cmd_report(args) -> int:
    from analysis.cli.report import ReportError, params_from_arguments, write_report
    store = Store(args.db)
    try:
        print(write_report(store, args.output, params_from_arguments(args)))
    except ReportError as problem:
        print(problem, file=sys.stderr)
        return 2
    store.record(console_actor(args), "export", detail={"archivo": Path(args.output).name})
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _SpanishParser(prog="python -m analysis",
                            description="Necesidades de seguridad: importar, exportar y administrar cargas.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_SpanishParser)
    db = {"help": "URL de la base de datos (por defecto $DATABASE_URL o data/necesidades.db)"}

    p = sub.add_parser("import", help="importar hojas de cálculo")
    p.add_argument("files", nargs="+", metavar="ARCHIVO")
    p.add_argument("--db", **db)
    p.add_argument("--json", action="store_true", help="un objeto JSON por archivo en la salida")
    p.add_argument("--dry-run", action="store_true", help="validar sin guardar")
    p.add_argument("--strict", action="store_true", help="no importar nada si alguna fila tiene errores")
    p.add_argument("--map", action="append", metavar="ENCABEZADO=campo", help="asignar una columna a un campo")
    p.add_argument("--user", help="quién hace la carga (por defecto el usuario del sistema)")
    p.add_argument("--replace", type=int, metavar="ID_CARGA",
                   help="el archivo corrige esa carga: se guarda y la carga anterior se oculta (restaurable)")
    p.set_defaults(func=cmd_import)

    who = {"help": "quién lo hace, para el registro de actividad (por defecto el usuario del sistema)"}
    p = sub.add_parser("export", help="exportar todas las necesidades vigentes")
    p.add_argument("--format", choices=("csv", "xlsx"), required=True)
    p.add_argument("-o", "--output", required=True, metavar="RUTA")
    p.add_argument("--db", **db)
    p.add_argument("--user", **who)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("uploads", help="listar las cargas")
    p.add_argument("--db", **db)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_uploads)

    for name, delete in (("delete", True), ("restore", False)):
        p = sub.add_parser(name, help="eliminar una carga (reversible)" if delete else "restaurar una carga")
        p.add_argument("upload_id", type=int, metavar="ID_CARGA")
        p.add_argument("--db", **db)
        p.add_argument("--user", **who)
        p.set_defaults(func=lambda a, d=delete: _cmd_set_deleted(a, d))

    p = sub.add_parser("migrate", help="crear o actualizar el esquema de la base (al instalar o actualizar)")
    p.add_argument("--db", **db)
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("backup", help="copia de seguridad de la base (consistente aunque el tablero esté en uso)")
    p.add_argument("path", metavar="RUTA")
    p.add_argument("--db", **db)
    p.add_argument("--user", **who)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore-backup", help="volver a las cargas, necesidades y vistas de una copia de seguridad "
                                              "(las cuentas y el registro de actividad actuales se conservan)")
    p.add_argument("path", metavar="RUTA")
    p.add_argument("--cuentas", action="store_true",
                   help="reemplazar también las cuentas por las de la copia (se cierran todas las sesiones)")
    p.add_argument("--db", **db)
    p.add_argument("--user", **who)
    p.set_defaults(func=cmd_restore_backup)

    from analysis.cli.report import filter_arguments
    p = sub.add_parser("report", help="presentación (.pptx) o informe de Excel (.xlsx) de una vista")
    p.add_argument("-o", "--output", required=True, metavar="RUTA", help="informe.pptx o informe.xlsx")
    p.add_argument("--db", **db)
    p.add_argument("--user", **who)
    filter_arguments(p)
    p.set_defaults(func=cmd_report)

    add_users_parser(sub, db, lambda args: cmd_users(args, Store))

    p = sub.add_parser("template", help="guardar la plantilla de Excel para los talleres")
    p.add_argument("-o", "--output", required=True, metavar="RUTA")
    p.set_defaults(func=cmd_template)
    return parser


def log_path() -> Path:
    """Where the console writes what went wrong, in detail."""
    return Path(os.environ.get(LOG_ENV) or PROJECT / "data" / "consola.log")


def _log_detail(error: Exception) -> None:
    """The failure's traceback to the console's log (nothing on screen, even if the log cannot be written)."""
    log = logging.getLogger("analysis.cli")
    log.propagate = False
    try:
        handler = logging.FileHandler(log_path(), encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.handleError = lambda record: None  # a full disk: logging would print its own English complaint
    log.addHandler(handler)
    try:
        log.error("Falló «python -m analysis %s»", " ".join(sys.argv[1:]), exc_info=error)
    finally:
        log.removeHandler(handler)
        handler.close()


def main(argv: list[str] | None = None) -> int:
    with _spanish_argparse():
        args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SystemExit:
        raise
    except (UsageError, BackupError) as error:
        print(error, file=sys.stderr)
        return 2
    except Exception as error:  # a last guard: the analyst sees a sentence, not a traceback
        _log_detail(error)
        print(explain(error, where=f"«{log_path()}»"), file=sys.stderr)
        return 3
