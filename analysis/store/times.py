"""Times as the store keeps them: in UTC, with their zone even when SQLite returns them without one."""
import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time with its zone (SQLite returns times without their zone; they are stored in UTC)."""
    if value is None or value.tzinfo:
        return value
    return value.replace(tzinfo=dt.timezone.utc)
