"""The store of uploads and needs: one API over SQLite (default) and PostgreSQL.

Every write is one transaction and bumps a revision counter, so readers (the
dashboard's caches) know when to reload. Uploads are soft-deleted: deleting hides
an upload's needs from every result, restoring brings them back, and the original
file bytes are always kept. A corrected file can replace an earlier upload: the new
one is stored and the old one hidden in the same transaction (`replaced_by` says by
which), so the needs are never counted twice nor missing in between.
"""
import hashlib
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from analysis import PROJECT
from analysis.store import audit, times
from analysis.store.audit import Event
from analysis.store.diskcache import cached_frame, code_version
from analysis.store.migration_lock import migrating, schema_revision
from analysis.store.schema import NEED_COLUMNS, needs, store_state, uploads

# The newest migration in analysis/migrations/versions (a test keeps the two in step).
SCHEMA_REVISION = "0008"
DEFAULT_DB_PATH = PROJECT / "data" / "necesidades.db"
CACHE_DIR = PROJECT / "data" / "cache"

UPLOAD_COLUMNS = ("id", "filename", "sha256", "size_bytes", "uploaded_at", "uploaded_by", "sheets",
                  "column_mapping", "rows_imported", "rows_rejected", "rows_warned", "is_sample", "deleted_at",
                  "replaced_by")


def database_url(explicit: str | None = None) -> str:
    """The URL to use: explicit, else $DATABASE_URL, else the SQLite file under data/."""
    url = explicit or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


@dataclass(frozen=True)
class NewUpload:
    """What the importer hands the store for one file."""

    filename: str
    sha256: str
    content: bytes
    uploaded_by: str
    sheets: list[dict]
    column_mapping: dict[str, str]
    rows_rejected: int
    rows_warned: int
    problems: list[dict]
    is_sample: bool = False
    address: str | None = None  # where the upload came from (the browser's IP address), for the audit trail


@dataclass(frozen=True)
class Overlap:
    """An earlier upload holding some of a new file's needs (same place, same need text)."""

    upload_id: int
    filename: str
    rows: int  # how many of the new file's rows are already in it


class NotReplaceable(Exception):
    """The upload to replace does not exist or is already hidden; nothing was stored."""

    def __init__(self, upload_id: int):
        super().__init__(upload_id)
        self.upload_id = upload_id


class SampleMixRefused(Exception):
    """Restoring the synthetic sample would mix it with real needs; the message says what to do, in Spanish."""


class DuplicateUpload(Exception):
    """The same bytes were imported before; `upload_id` is the earlier upload."""

    def __init__(self, upload_id: int):
        super().__init__(upload_id)
        self.upload_id = upload_id


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL waits for other openers too
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Store:
    """Uploads and their needs, in the database at `url` (migrated on open)."""

    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self.cache_dir = CACHE_DIR  # for a SQLite file: beside it
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            folder = Path(self.url[len("sqlite:///"):]).parent
            folder.mkdir(parents=True, exist_ok=True)
            self.cache_dir = folder / "cache"
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate()

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_REVISION; a store already there skips Alembic (fast start).

        Only one process migrates a database at a time (analysis.migration_lock); one that waited
        finds the schema up to date and leaves it.
        """
        with self.engine.connect() as conn:
            if schema_revision(conn) == SCHEMA_REVISION:
                return
        from alembic import command
        from alembic.config import Config
        config = Config()
        config.set_main_option("script_location", str(resources.files("analysis.store") / "migrations"))
        with migrating(self.engine) as connection:
            if schema_revision(connection) != SCHEMA_REVISION:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")

    # Reading ---------------------------------------------------------------------------

    def revision(self) -> int:
        """A number that changes whenever anything stored changes."""
        with self.engine.connect() as conn:
            return conn.execute(select(store_state.c.revision)).scalar_one()

    def find_upload(self, sha256: str) -> dict | None:
        """The upload with these exact bytes, deleted or not."""
        with self.engine.connect() as conn:
            row = conn.execute(select(*[uploads.c[c] for c in UPLOAD_COLUMNS]).where(uploads.c.sha256 == sha256))
            found = row.mappings().first()
            return dict(found) if found else None

    def upload(self, upload_id: int) -> dict | None:
        """One upload's record, with its validation problems but not its bytes."""
        with self.engine.connect() as conn:
            cols = [uploads.c[c] for c in UPLOAD_COLUMNS] + [uploads.c.problems]
            found = conn.execute(select(*cols).where(uploads.c.id == upload_id)).mappings().first()
            return dict(found) if found else None

    def is_visible(self, upload_id: int) -> bool:
        """Whether the upload exists and is not deleted."""
        query = select(uploads.c.id).where(uploads.c.id == upload_id, uploads.c.deleted_at.is_(None))
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def upload_content(self, upload_id: int) -> bytes | None:
        """The original bytes of an upload, exactly as received."""
        with self.engine.connect() as conn:
            return conn.execute(select(uploads.c.content).where(uploads.c.id == upload_id)).scalar_one_or_none()

    def uploads(self) -> pd.DataFrame:
        """Every upload, newest first, deleted ones included (see `deleted_at`)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(*[uploads.c[c] for c in UPLOAD_COLUMNS]).order_by(uploads.c.id.desc()))
            return pd.DataFrame(rows.mappings().all(), columns=list(UPLOAD_COLUMNS))

    def needs(self) -> pd.DataFrame:
        """Every need of every upload not deleted, with its file name (`archivo`) and upload id.

        `fecha` is a datetime64 column (NaT when unknown). The frame is also kept as a
        Parquet file named by database, schema and revision (in `cache/` beside a SQLite
        file, else under data/cache/), so a
        restarted dashboard draws its first page without reading every row again; any
        write changes the revision and so the file name.
        """
        return cached_frame(self.cache_dir, f"necesidades-{self.cache_name}",
                            f"{SCHEMA_REVISION}-{self.revision()}-{code_version(sys.modules[__name__])}",
                            self._read_needs)

    @property
    def cache_name(self) -> str:
        """A short name for this database in cache file names."""
        return hashlib.sha1(self.url.encode()).hexdigest()[:12]

    def _read_needs(self) -> pd.DataFrame:
        """The needs straight from the database, through the driver: SQLAlchemy's per-value
        processing would triple the time for 100,000 rows."""
        columns = [needs.c[c] for c in NEED_COLUMNS] + [uploads.c.filename.label("archivo"), needs.c.upload_id]
        query = (select(*columns).join(uploads, uploads.c.id == needs.c.upload_id)
                 .where(uploads.c.deleted_at.is_(None)).order_by(needs.c.id))
        sql = str(query.compile(self.engine, compile_kwargs={"literal_binds": True}))
        with self.engine.connect() as conn:
            cursor = conn.connection.driver_connection.cursor()
            try:
                cursor.execute(sql)
                names = [d[0] for d in cursor.description]
                values = list(zip(*cursor.fetchall())) or [()] * len(names)
            finally:
                cursor.close()
        frame = pd.DataFrame({name: pd.Series(column, dtype=object) for name, column in zip(names, values)})
        frame["fecha"] = pd.to_datetime(frame["fecha"], errors="coerce").astype("datetime64[us]")
        types = {"departamento_codigo": "Int64", "municipio_codigo": "Int64", "fila": "int64", "upload_id": "int64"}
        return frame.astype(types | {c: "str" for c in frame.columns if c not in types and c != "fecha"})

    def overlaps(self, rows: pd.DataFrame) -> list[Overlap]:
        """Visible uploads (the synthetic sample aside) already holding some of these needs, largest first.

        A need is the same when its departamento, municipio and normalised text (`clave`) are.
        """
        key = ["departamento", "municipio", "clave"]
        query = (select(needs.c.upload_id, *[needs.c[c] for c in key])
                 .join(uploads, uploads.c.id == needs.c.upload_id)
                 .where(uploads.c.deleted_at.is_(None), uploads.c.is_sample.is_(False)))
        with self.engine.connect() as conn:
            stored = pd.DataFrame(conn.execute(query).all(), columns=["upload_id", *key])
            names = dict(conn.execute(select(uploads.c.id, uploads.c.filename)).all())
        if stored.empty or rows.empty:
            return []
        counts = rows.groupby(key).size().rename("rows").reset_index()
        matched = stored.drop_duplicates().merge(counts, on=key)
        per_upload = matched.groupby("upload_id")["rows"].sum().sort_index(ascending=False)
        per_upload = per_upload.sort_values(ascending=False, kind="stable")
        return [Overlap(int(upload_id), names[upload_id], int(count)) for upload_id, count in per_upload.items()]

    def count_needs(self) -> int:
        """How many needs are visible (uploads not deleted)."""
        query = (select(func.count()).select_from(needs.join(uploads, uploads.c.id == needs.c.upload_id))
                 .where(uploads.c.deleted_at.is_(None)))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    # Writing ---------------------------------------------------------------------------

    def _bump(self, conn) -> None:
        conn.execute(update(store_state).values(revision=store_state.c.revision + 1))

    @contextmanager
    def change(self, actor: str, action: str, *, upload_id: int | None = None, detail: dict | None = None,
               address: str | None = None, data: bool = True):
        """The one door for writes: a transaction whose event (who, what, which upload) is recorded with it.

        Yields the connection and the `Event`, which the body may complete (a new upload's id).
        `data` says whether the needs in view may change (then the revision moves and caches reload).
        """
        event = Event(actor, action, upload_id, dict(detail or {}), address)
        with self.engine.begin() as conn:
            yield conn, event
            audit.record(conn, event)
            if data:
                self._bump(conn)

    def record(self, actor: str, action: str, *, detail: dict | None = None, address: str | None = None) -> None:
        """Record something that changes nothing stored (a sign-in, an export)."""
        with self.change(actor, action, detail=detail, address=address, data=False):
            pass

    def events(self, limit: int | None = None) -> pd.DataFrame:
        """The audit trail, newest first."""
        return audit.read(self.engine, limit)

    def add_upload(self, new: NewUpload, rows: pd.DataFrame, replaces: int | None = None) -> int:
        """Store an upload and its needs in one transaction, hiding upload `replaces` in the same
        transaction when given; raises DuplicateUpload, or NotReplaceable (nothing stored)."""
        if existing := self.find_upload(new.sha256):
            raise DuplicateUpload(existing["id"])
        records = _records(rows)
        action = "sample_loaded" if new.is_sample else "replace" if replaces is not None else "import"
        detail = {"archivo": new.filename[:255], "filas": len(records), "rechazadas": new.rows_rejected}
        if replaces is not None:
            detail["reemplaza"] = replaces
        try:
            with self.change(new.uploaded_by, action, detail=detail, address=new.address) as (conn, event):
                now = times.now()
                upload_id = conn.execute(insert(uploads).values(
                    filename=new.filename[:255], sha256=new.sha256, size_bytes=len(new.content),
                    uploaded_at=now, uploaded_by=new.uploaded_by[:120],
                    sheets=new.sheets, column_mapping=new.column_mapping, rows_imported=len(records),
                    rows_rejected=new.rows_rejected, rows_warned=new.rows_warned, problems=new.problems,
                    content=new.content, is_sample=new.is_sample,
                )).inserted_primary_key[0]
                if replaces is not None and not conn.execute(
                        update(uploads).where(uploads.c.id == replaces, uploads.c.id != upload_id,
                                              uploads.c.deleted_at.is_(None))
                        .values(deleted_at=now, replaced_by=upload_id)).rowcount:
                    raise NotReplaceable(replaces)  # rolls back the new upload too
                _bulk_insert_needs(conn, upload_id, records)
                if not new.is_sample:  # real data never mixes with the synthetic sample
                    conn.execute(update(uploads).where(uploads.c.is_sample.is_(True), uploads.c.deleted_at.is_(None))
                                 .values(deleted_at=now))
                event.upload_id = upload_id
        except IntegrityError:
            existing = self.find_upload(new.sha256)
            if existing:  # another analyst imported the same file at the same moment
                raise DuplicateUpload(existing["id"]) from None
            raise
        return upload_id

    def delete_upload(self, upload_id: int, *, actor: str, address: str | None = None) -> bool:
        """Hide an upload and its needs (reversible with `restore_upload`); False if no such visible upload."""
        if not self.is_visible(upload_id):
            return False
        with self.change(actor, "delete", upload_id=upload_id, detail=self._named(upload_id), address=address) \
                as (conn, _):
            conn.execute(update(uploads).where(uploads.c.id == upload_id)
                         .values(deleted_at=times.now()))
        return True

    def restore_upload(self, upload_id: int, *, actor: str, address: str | None = None) -> bool:
        """Bring a deleted upload's needs back into every result; False if no such upload.

        Synthetic sample data never shares the view with real needs: restoring a real upload
        hides a visible sample in the same transaction, and restoring the sample while real
        uploads are visible is refused (`SampleMixRefused`).
        """
        found = self.upload(upload_id)
        if found is None:
            return False
        with self.change(actor, "restore", upload_id=upload_id, detail=self._named(upload_id), address=address) \
                as (conn, _):
            visible = uploads.c.deleted_at.is_(None)
            if found["is_sample"]:
                real = conn.execute(select(func.count()).select_from(uploads)
                                    .where(visible, uploads.c.is_sample.is_(False))).scalar_one()
                if real:
                    raise SampleMixRefused(
                        f"No se restauran los datos de ejemplo mientras haya {real} "
                        f"{'carga real vigente' if real == 1 else 'cargas reales vigentes'}: se mezclarían necesidades "
                        "sintéticas con las reales. Elimine antes las cargas reales si quiere volver a la "
                        "demostración.")
            else:
                conn.execute(update(uploads).where(visible, uploads.c.is_sample.is_(True))
                             .values(deleted_at=times.now()))
            conn.execute(update(uploads).where(uploads.c.id == upload_id).values(deleted_at=None))
        return True

    def _named(self, upload_id: int) -> dict:
        found = self.upload(upload_id) or {}
        return {"archivo": found.get("filename")}

    @property
    def views(self):
        """The saved views kept in this store."""
        from analysis.store.saved_views import ViewStore
        return ViewStore(self)

    @property
    def corrections(self):
        """The analysts' corrections of the needs' themes."""
        from analysis.store.theme_corrections import CorrectionStore
        return CorrectionStore(self)

    @property
    def accounts(self):
        """The accounts that may open the dashboard."""
        from analysis.store.accounts import AccountStore
        return AccountStore(self)

    @property
    def sessions(self):
        """The signed-in sessions, which every run and click checks."""
        from analysis.store.sessions import SessionStore
        return SessionStore(self)

    def sample_upload_ids(self) -> list[int]:
        """Visible uploads of the synthetic sample."""
        query = select(uploads.c.id).where(uploads.c.is_sample.is_(True), uploads.c.deleted_at.is_(None))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())


def _records(rows: pd.DataFrame) -> list[tuple]:
    """Rows as plain tuples in NEED_COLUMNS order (None for missing codes and dates)."""
    columns = []
    for name in NEED_COLUMNS:
        column = rows[name].astype(object)
        columns.append(column.where(column.notna(), None).tolist())
    return list(zip(*columns))


def _bulk_insert_needs(conn, upload_id: int, records: list[tuple]) -> None:
    """Insert many needs through the driver's own executemany, inside the caller's transaction.

    SQLAlchemy's per-row parameter processing costs more than the insert itself at
    100,000 rows; the plain driver call keeps imports within their time budget.
    """
    if not records:
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ("upload_id", *NEED_COLUMNS)
    sql = f"INSERT INTO needs ({', '.join(names)}) VALUES ({', '.join([marker] * len(names))})"
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, [(upload_id, *record) for record in records])
    finally:
        cursor.close()
