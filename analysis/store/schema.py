"""The store's tables, as SQLAlchemy Core metadata shared by the store and its migrations."""
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("filename", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size_bytes", Integer, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("uploaded_by", String(120), nullable=False),
    Column("sheets", JSON, nullable=False),  # [{"hoja", "fila_encabezado", "filas", "nota"}]
    Column("column_mapping", JSON, nullable=False),  # {header: field}
    Column("rows_imported", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("rows_warned", Integer, nullable=False),
    Column("problems", JSON, nullable=False),  # the validation report as shown at import
    Column("content", LargeBinary, nullable=False),  # the original bytes: nothing is ever lost
    Column("is_sample", Boolean, nullable=False, default=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    Column("replaced_by", Integer, nullable=True),  # the upload that replaced this one (it was hidden then)
)

needs = Table(
    "needs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("upload_id", Integer, ForeignKey("uploads.id", ondelete="CASCADE"), nullable=False),
    Column("departamento", String(40), nullable=False),
    Column("departamento_codigo", Integer),
    Column("municipio", String(80), nullable=False),
    Column("municipio_codigo", Integer),
    Column("region", String(40), nullable=False),
    Column("nivel", String(20), nullable=False),
    Column("ambito", String(60), nullable=False),
    Column("necesidad", Text, nullable=False),
    Column("clave", Text, nullable=False, server_default=""),  # normalised necesidad (analysis.text.normalize)
    Column("prioridad", String(10), nullable=False),
    Column("institucion", Text, nullable=False),
    Column("evento", Text, nullable=False),
    Column("fecha", Date),
    Column("estado", Text, nullable=False),
    Column("hoja", String(255), nullable=False),
    Column("fila", Integer, nullable=False),
    Index("ix_needs_upload_id", "upload_id"),
)

# The fields of a need, in the table's order: what the importer produces and the store reads back.
NEED_COLUMNS = tuple(c.name for c in needs.columns if c.name not in ("id", "upload_id"))

# A counter bumped by every write, so readers can cache by it.
store_state = Table(
    "store_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", Integer, nullable=False),
)

# Named views: a page and the URL parameters that reopen it exactly (filters and page choices).
saved_views = Table(
    "saved_views",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(16), nullable=False, unique=True),  # the short link: ?vista=<slug>
    Column("name", String(120), nullable=False),
    Column("page", String(40), nullable=False),  # the page's url_path
    Column("params", JSON, nullable=False),  # {parameter: value or [values]}
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# People who may open the dashboard; passwords kept only as argon2 hashes.
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),  # lower case
    Column("display_name", String(120), nullable=False),
    Column("role", String(20), nullable=False),  # lector | analista | administrador
    Column("password_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("password_version", Integer, nullable=False, server_default="1"),  # bumped by every password change
    Column("last_login_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Failed sign-ins in a row, by the name typed (an account's or not: unknown names are throttled alike).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("name", String(64), primary_key=True),  # lower case, as typed
    Column("failures", Integer, nullable=False),  # in a row, forgotten by a good sign-in or a quiet day
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("last_failure_at", DateTime(timezone=True), nullable=True),
)

# Signed-in sessions: what every run and click checks, and what a reload resumes from its cookie.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the cookie's token
    Column("username", String(64), nullable=False),
    Column("password_version", Integer, nullable=False),  # the account's when the session began
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("ticket_hash", String(64), nullable=True),  # a one-time ticket the browser trades for the cookie
    Column("ticket_until", DateTime(timezone=True), nullable=True),
    Column("address", String(64), nullable=True),
    Index("ix_sessions_username", "username"),
)

# Keys the dashboard makes for itself (the one that signs session cookies), shared by all its processes.
secrets = Table(
    "secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(128), nullable=False),
)

# The audit trail: every write of the store, and every sign-in and export, with who and when.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(40), nullable=False),
    Column("upload_id", Integer, nullable=True),
    Column("detail", JSON, nullable=False),
    Column("address", String(64), nullable=True),  # the client's IP address when known
    Index("ix_events_at", "at"),
)

# Analysts' corrections of a need's themes: the latest per need (departamento, municipio, normalised text) and
# theme wins over the automatic tags, so it holds for every upload of that same need, re-imports included.
theme_corrections = Table(
    "theme_corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("departamento", String(40), nullable=False),
    Column("municipio", String(80), nullable=False),
    Column("clave", Text, nullable=False),  # the need's normalised text (needs.clave)
    Column("necesidad", Text, nullable=False),  # the need as written when corrected
    Column("tema", String(120), nullable=False),
    Column("accion", String(10), nullable=False),  # agregar | quitar
    Column("usuario", String(120), nullable=False),
    Column("fecha", DateTime(timezone=True), nullable=False),
    Index("ix_theme_corrections_clave", "clave"),
)
