"""Reading dates the way Guatemala writes them: day first, or in Spanish words.

A date arrives as an Excel date cell, an Excel serial number, ISO text, day-first
text (09/11/2017 is 9 November 2017, never 11 September) or words
("9 de noviembre de 2017", "jueves 9 nov. 2017").
"""
import datetime as dt
import re

from analysis.text import normalize

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH_PREFIXES = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$", re.IGNORECASE)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: .*)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serials from 1950 to 2100: numbers outside this range are not dates.
_SERIAL_RANGE = (18264, 73051)


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_words(text: str) -> dt.date | None:
    tokens = [t for t in normalize(text).split() if t not in {"de", "del", "lunes", "martes", "miercoles",
                                                               "jueves", "viernes", "sabado", "domingo"}]
    day = month = year = None
    for token in tokens:
        if token.isdigit():
            if day is None and len(token) <= 2:
                day = int(token)
            elif year is None and month is not None:
                year = _year(token)
            else:
                return None
        elif month is None:
            month = MONTHS.get(token) or _MONTH_PREFIXES.get(token[:4]) or _MONTH_PREFIXES.get(token[:3])
            if month is None:
                return None
        else:
            return None
    if day is None or month is None or year is None:
        return None
    return _make(year, month, day)


def parse_fecha(value: object) -> dt.date | None:
    """The date a cell means, or None when it is not a recognisable full date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == value and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if match := _ISO.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_FIRST.match(text):
        return _make(_year(match[3]), int(match[2]), int(match[1]))
    if text.replace(".", "", 1).isdigit():
        return parse_fecha(float(text))
    return _from_words(text)
