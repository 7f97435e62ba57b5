"""Reports from the command line: the PowerPoint or the Excel report of any view.

`python -m analysis report -o informe.pptx [--departamento Petén …] [--vista URL]`
takes the same filters as the dashboard's address: as options named like the URL
parameters, or as a whole address pasted from the browser (page choices such as the
map's ámbito come with it). The output's extension picks the format.
"""
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from analysis import fields
from analysis.presentation import CHOICE_AMBITO, CHOICE_DEPARTAMENTO, Context, Provenance
from analysis.store import Store
from analysis.view import DATE_PARAMS, SEARCH_PARAM, Filters, build_text_index, filter_options

FORMATS = (".pptx", ".xlsx")


class ReportError(Exception):
    """A report that cannot be made as asked; the message says why, in Spanish."""


def params_from_address(address: str) -> dict[str, list[str]]:
    """The query parameters of a pasted address («http://…/territorio?departamento=Petén») or query string."""
    query = urlsplit(address).query if "?" in address or "://" in address else address
    return {key: values for key, values in parse_qs(query, keep_blank_values=False).items()}


def _check(filters: Filters, needs) -> None:
    """Refuse values no need could ever have (a misspelt departamento), naming the valid ones."""
    for key, values in filters.chosen:
        field = fields.get(key)
        if field.kind not in ("lugar", "lista", "tema"):
            continue
        known = filter_options(key, needs, Filters())
        unknown = [v for v in values if v not in known]
        if unknown:
            raise ReportError(f"{field.label} no reconocido: {', '.join(f'«{v}»' for v in unknown)}. "
                              f"Valores válidos: {', '.join(known)}.")


def write_report(store: Store, output: str, params: dict) -> str:
    """Write the report of the view `params` describes to `output`; a one-line Spanish summary."""
    suffix = Path(output).suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"El informe se escribe como .pptx (presentación) o .xlsx (Excel), no «{suffix or output}».")
    try:
        filters = Filters.from_params(params)
    except ValueError as problem:
        raise ReportError(str(problem)) from None
    needs = store.needs()
    _check(filters, needs)
    choices = {key: (params.get(key) or [None])[0] if isinstance(params.get(key), list) else params.get(key)
               for key in (CHOICE_AMBITO, CHOICE_DEPARTAMENTO)}
    context = Context.of(needs, filters, build_text_index(needs, store.corrections.all()), choices)
    uploads = store.uploads()
    provenance = Provenance.of(uploads, filters, len(context.needs), context.total)
    if suffix == ".pptx":
        from analysis.reports.powerpoint import presentation_bytes
        data = presentation_bytes(context, provenance, uploads)
    else:
        from analysis.reports import report_bytes, with_themes
        data = report_bytes(with_themes(context.needs, context.index.temas), provenance)
    Path(output).write_bytes(data)
    return (f"Informe guardado en {output}: {len(context.needs):,} de {context.total:,} necesidades "
            f"({filters.summary()}).")


def filter_arguments(parser) -> None:
    """Options named like the URL parameters of the filters, plus --vista for a pasted address."""
    for field in fields.filter_fields():
        parser.add_argument(f"--{field.key}", action="append", metavar=field.label.upper(),
                            help=f"filtrar por {field.singular} (se puede repetir)")
    for key, label in DATE_PARAMS.items():
        parser.add_argument(f"--{key}", metavar="DD/MM/AAAA", help=f"{label.lower()} esta fecha")
    parser.add_argument(f"--{SEARCH_PARAM}", metavar="TEXTO", help="buscar en las descripciones")
    parser.add_argument("--vista", metavar="DIRECCION",
                        help="la dirección del tablero copiada del navegador (con sus filtros)")


def params_from_arguments(args) -> dict:
    params = params_from_address(args.vista) if args.vista else {}
    for field in fields.filter_fields():
        if values := getattr(args, field.key):
            params[field.key] = values
    for key in (*DATE_PARAMS, SEARCH_PARAM):
        if value := getattr(args, key):
            params[key] = value
    return params
