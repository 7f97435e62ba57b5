"""Saved views in the store: named pages with their URL parameters, reopened from a short link.

Views do not change the needs, so they leave the store's revision alone (no cache is
rebuilt); like every write they go through `Store.change`, so the audit trail has them.
Anyone may save a view and open any; only whoever saved one, or an administrator, may
rename or delete it.
"""
import secrets

import pandas as pd
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from analysis.store import times
from analysis.store.schema import saved_views


class ViewRefused(ValueError):
    """A change to a view that this account may not make; the message says why, in Spanish."""


VIEW_COLUMNS = ("id", "slug", "name", "page", "params", "created_at", "created_by", "updated_at")
VIEW_NAME_LIMIT = 120


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())[:VIEW_NAME_LIMIT]
    if not name:
        raise ValueError("Escriba un nombre para la vista.")
    return name


class ViewStore:
    def __init__(self, store):
        self.store = store
        self.engine = store.engine

    def save(self, name: str, page: str, params: dict, user: str) -> dict:
        """Store a view under a new short slug; returns it."""
        name = _clean_name(name)
        now = times.now()
        for _ in range(5):  # a slug collision is astronomically rare; try again if it happens
            slug = secrets.token_urlsafe(6)
            try:
                with self.store.change(user, "view_saved", detail={"vista": name, "página": page}, data=False) \
                        as (conn, _):
                    conn.execute(insert(saved_views).values(slug=slug, name=name, page=page, params=params,
                                                            created_at=now, created_by=user[:120], updated_at=now))
                return self.by_slug(slug)
            except IntegrityError:
                continue
        raise RuntimeError("No se pudo crear un enlace único para la vista.")

    def all(self) -> pd.DataFrame:
        """Every saved view, most recently changed first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(*[saved_views.c[c] for c in VIEW_COLUMNS])
                                .order_by(saved_views.c.updated_at.desc(), saved_views.c.id.desc()))
            return pd.DataFrame(rows.mappings().all(), columns=list(VIEW_COLUMNS))

    def by_slug(self, slug: str) -> dict | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(*[saved_views.c[c] for c in VIEW_COLUMNS])
                                 .where(saved_views.c.slug == slug)).mappings().first()
            return dict(found) if found else None

    def may_change(self, view: dict, account) -> bool:
        """Whether `account` may rename or delete `view`: whoever saved it, or an administrator."""
        return view["created_by"] == account.username or account.can("administer")

    def _change(self, view_id: int, account, action: str, detail: dict, statement) -> bool:
        """Rename or delete a view, if it exists and `account` may; False if there is no such view."""
        with self.store.change(account.username, action, detail=detail, data=False) as (conn, _):
            found = conn.execute(select(saved_views.c.created_by).where(saved_views.c.id == view_id)).scalar()
            if found is None:
                return False
            if not self.may_change({"created_by": found}, account):
                raise ViewRefused(f"Solo quien guardó la vista («{found}») o un administrador puede renombrarla o "
                                  "eliminarla.")
            return bool(conn.execute(statement.where(saved_views.c.id == view_id)).rowcount)

    def rename(self, view_id: int, name: str, account) -> bool:
        name = _clean_name(name)
        return self._change(view_id, account, "view_renamed", {"vista": name}, update(saved_views).values(
            name=name, updated_at=times.now()))

    def delete(self, view_id: int, account) -> bool:
        return self._change(view_id, account, "view_deleted", {"vista": view_id}, saved_views.delete())
