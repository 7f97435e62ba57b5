"""`python -m analysis users …`: accounts from the command line, for whoever runs the server.

The first administrator is created here (the dashboard serves only its own machine until
an account exists). A password is read from standard input when that is not a terminal
(scripts: `echo "…" | python -m analysis users add ana --role analista`), else asked twice
without echo.
"""
import getpass
import sys

from analysis.formatting import format_datetime
from analysis.store import ROLES, AccountError


def console_actor(args) -> str:
    """Who acts from the console: --user, else the operating-system user, marked as console."""
    if getattr(args, "user", None):
        return args.user
    try:
        return f"consola:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "consola"


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Contraseña: ")
    if getpass.getpass("Repítala: ") != first:
        raise AccountError("Las contraseñas no coinciden.")
    return first


def cmd_users(args, store_of) -> int:
    store = store_of(args.db)
    actor = console_actor(args)
    accounts = store.accounts
    try:
        if args.action == "add":
            account = accounts.create(args.name, args.role, _password(), actor=actor, display_name=args.nombre or "")
            print(f"Cuenta «{account.username}» creada con el rol {ROLES[account.role].lower()}.")
        elif args.action == "list":
            frame = accounts.all()
            if frame.empty:
                print("No hay cuentas: el tablero solo se abre en este equipo.")
            for row in frame.itertuples():
                state = "activa" if row.active else "desactivada"
                seen = format_datetime(row.last_login_at) or "nunca"
                print(f"{row.username:<24} {ROLES[row.role]:<14} {state:<12} último acceso: {seen}")
        elif args.action == "passwd":
            accounts.set_password(args.name, _password(), actor=actor)
            print(f"Contraseña de «{args.name}» cambiada.")
        elif args.action == "role":
            accounts.set_role(args.name, args.role, actor=actor)
            print(f"«{args.name}» tiene ahora el rol {ROLES[args.role].lower()}.")
        else:
            accounts.set_active(args.name, args.action == "enable", actor=actor)
            print(f"Cuenta «{args.name}» {'activada' if args.action == 'enable' else 'desactivada'}.")
    except AccountError as problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


def add_parser(sub, db: dict, run) -> None:
    """The `users` command and its actions."""
    users = sub.add_parser("users", help="cuentas de acceso al tablero")
    actions = users.add_subparsers(dest="action", required=True, parser_class=type(users))
    p = actions.add_parser("add", help="crear una cuenta (la contraseña se lee de la entrada)")
    p.add_argument("name", metavar="USUARIO")
    p.add_argument("--role", required=True, choices=list(ROLES), help="lector, analista o administrador")
    p.add_argument("--nombre", help="nombre completo de la persona")
    actions.add_parser("list", help="listar las cuentas")
    for action, text in (("passwd", "cambiar la contraseña"), ("disable", "desactivar una cuenta"),
                         ("enable", "volver a activar una cuenta")):
        actions.add_parser(action, help=text).add_argument("name", metavar="USUARIO")
    p = actions.add_parser("role", help="cambiar el rol de una cuenta")
    p.add_argument("name", metavar="USUARIO")
    p.add_argument("role", choices=list(ROLES))
    for parser in actions.choices.values():
        parser.add_argument("--db", **db)
        parser.add_argument("--user", help="quién hace el cambio (por defecto el usuario del sistema)")
    users.set_defaults(func=run)
