"""The store: uploads and needs over SQLite or PostgreSQL (schema and migrations), accounts and their sessions,
the audit trail, saved views, the analysts' theme corrections, backups, the disk cache of frames read from it, and
what to say when it fails."""
from analysis.store import audit, theme_corrections
from analysis.store.accounts import ROLES, Account, AccountError, LoginRefused
from analysis.store.backup import BackupError, backup, describe_restore, restore
from analysis.store.database import SCHEMA_REVISION, SampleMixRefused, Store, database_url
from analysis.store.diskcache import cached_frame
from analysis.store.outages import explain, outage
from analysis.store.sessions import SessionEnded

__all__ = ["ROLES", "SCHEMA_REVISION", "Account", "AccountError", "BackupError", "LoginRefused", "SampleMixRefused",
           "SessionEnded", "Store", "audit", "backup", "cached_frame", "database_url", "describe_restore", "explain",
           "outage", "restore", "theme_corrections"]
