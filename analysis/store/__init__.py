"""The store: uploads and needs over SQLite or PostgreSQL (schema and migrations), accounts, the audit trail,
saved views, the analysts' theme corrections, backups, and the disk cache of frames read from it."""
from analysis.store import audit, theme_corrections
from analysis.store.accounts import ROLES, Account, AccountError, LoginRefused
from analysis.store.backup import BackupError, backup, describe_restore, restore
from analysis.store.database import SCHEMA_REVISION, SampleMixRefused, Store, database_url
from analysis.store.diskcache import cached_frame

__all__ = ["ROLES", "SCHEMA_REVISION", "Account", "AccountError", "BackupError", "LoginRefused", "SampleMixRefused",
           "Store", "audit", "backup", "cached_frame", "database_url", "describe_restore", "restore", "theme_corrections"]
