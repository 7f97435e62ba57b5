"""Numbers, dates and times written the Guatemalan way, in one place.

Guatemala groups thousands with a comma and writes decimals with a point
(1,500 · 12.5 %), writes dates day first (09/11/2017) and lives at UTC−6.
"""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pandas as pd

GUATEMALA = ZoneInfo("America/Guatemala")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
# Where Streamlit's Markdown would turn plain text into a link, an emoji or an icon («http://»,
# «www.», «a@b.org», «:material/x:»): an invisible word joiner there keeps the text as written.
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=[:@])")
PLOTLY_SEPARATORS = ".,"  # decimal, thousands — for plotly's layout.separators


def format_int(value: int | float) -> str:
    return f"{int(round(value)):,}"


def format_decimal(value: float, digits: int = 1) -> str:
    """«1,234.5»: thousands with a comma, decimals with a point."""
    return f"{value:,.{digits}f}"


def format_pct(part: float, whole: float, digits: int = 1) -> str:
    return f"{(100 * part / whole if whole else 0):.{digits}f} %"


def format_date(value: dt.date | None) -> str:
    """A calendar day (a need's fecha, a filter's bound, the data cut-off): «09/11/2017».

    An instant is refused: its day depends on the zone (03:30 UTC on the 2nd is the 1st
    in Guatemala), so it goes through `format_day`, which reads it in Guatemala's time.
    """
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, dt.datetime):
        raise TypeError("format_date takes a day; an instant is written with format_day")
    return value.strftime("%d/%m/%Y")


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored time (UTC; SQLite returns it without zone) in Guatemala's time.

    The one door between the store's UTC and what a user reads: every date or time of an
    upload, an event, a report or a file name passes here, whatever the server's zone.
    """
    value = pd.Timestamp(value).to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(GUATEMALA)


def format_day(value: dt.datetime | None) -> str:
    """The day of a stored time in Guatemala: «01/12/2026» for 2026-12-02 03:30 UTC."""
    if value is None or pd.isna(value):
        return ""
    return to_local(value).strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """A stored time in Guatemala: «01/12/2026 21:30» for 2026-12-02 03:30 UTC."""
    if value is None or pd.isna(value):
        return ""
    return to_local(value).strftime("%d/%m/%Y %H:%M")


def format_instant(value: dt.datetime | None) -> str | None:
    """A stored time for machines (JSON): ISO 8601 in Guatemala's time with its offset, «2026-12-01T21:30:00-06:00»,
    the same moment a person reads on screen, never a zoneless time a program could take for its own."""
    if value is None or pd.isna(value):
        return None
    return to_local(value).isoformat(timespec="seconds")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """«1 necesidad», «1,500 necesidades»."""
    word = singular if count == 1 else (plural_form or singular + ("es" if singular[-1] in "dlnrz" else "s"))
    return f"{format_int(count)} {word}"


def plain(text: object) -> str:
    """Text shown literally where Streamlit reads Markdown (messages, captions, labels): file
    names, sheet names, headers and values are the user's and must never format the page."""
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub("\u2060", str(text)))


def join_names(names: list[str]) -> str:
    """«Petén», «Petén e Izabal», «Petén, Izabal y Zacapa»: «e» before a word that sounds «i», as Spanish writes."""
    if len(names) < 2:
        return "".join(names)
    last = names[-1]
    conjunction = "e" if re.match(r"(?i)h?[ií](?![aeoáéó])", last) else "y"
    return f"{', '.join(names[:-1])} {conjunction} {last}"
