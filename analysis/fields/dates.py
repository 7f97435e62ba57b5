"""Reading dates the way Guatemalan offices write them: day first, or in Spanish words.

A date arrives as an Excel date cell, an Excel serial number (as a number or as text),
ISO text (2017-11-09, 2017/11/09), day-first text with two- or four-digit years
(09/11/2017 and 9-11-17 are 9 November 2017, never 11 September), or words
(«9 de noviembre de 2017», «jueves, 9 de noviembre de 2017», «9-nov-17», English month
names from partners). «noviembre 2017» or «11/2017» name only a month (`parse_month`).
A column written month first by software set to US English (6/23/2018) is recognised by
its values (`month_first_evidence`): day first stays the rule unless the column proves otherwise.
"""
import datetime as dt
import re

from analysis.text import normalize

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_PREFIXES = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9, "sep": 9}
_WEEKDAYS = {"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday"}
_FILLER = {"de", "del", "el", "of", "the"}

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$", re.IGNORECASE)
_COMPACT = re.compile(r"^(19[5-9]\d|20\d\d)(\d\d)(\d\d)$")  # 20171109
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: .*)?$")
_NUMERIC_MONTH = re.compile(r"^(?:(\d{1,2})[/.\-](\d{4})|(\d{4})[/.\-](\d{1,2}))$")  # 11/2017, 2017-11
_GLUED = re.compile(r"\b(\d{1,2})([a-z]{3,9})(\d{4})\b")  # 07jun2018, as Stata writes a date
_ORDINAL = re.compile(r"^(\d{1,2})(?:ro|er|do|to|vo|no|mo|o|st|nd|rd|th)$")  # 1ro, 1er, 1º, 1st
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


def _month_of(token: str) -> int | None:
    return MONTHS.get(token) or _MONTH_PREFIXES.get(token[:4]) or _MONTH_PREFIXES.get(token[:3])


def _words(text: str) -> tuple[int | None, int, int] | None:
    """(day, month, year) written with a month name («9 de noviembre de 2017», «9-nov-17»,
    «Nov 9, 2017», Stata's «07jun2018»), day None for a month alone («noviembre 2017», «nov-17»); None otherwise."""
    months, numbers = [], []
    for token in _GLUED.sub(r"\1 \2 \3", normalize(text)).split():
        if token in _FILLER or token in _WEEKDAYS:
            continue
        token = ordinal[1] if (ordinal := _ORDINAL.match(token)) else token
        if token.isdigit():
            numbers.append((token, len(months)))  # the number, and how many month names came before it
        elif len(token) >= 3 and (month := _month_of(token)):
            months.append(month)
        else:
            return None
    if len(months) != 1:
        return None
    if len(numbers) == 1:  # a year alone: four digits, or two after the month name (Excel's mmm-yy)
        (year, after_month), = numbers
        return (None, months[0], _year(year)) if len(year) == 4 or (len(year) == 2 and after_month) else None
    if len(numbers) != 2:
        return None
    (first, _), (second, _) = numbers
    day, year = (second, first) if len(first) == 4 else (first, second)
    return (int(day), months[0], _year(year)) if len(day) <= 2 else None


def parse_fecha(value: object, month_first: bool = False) -> dt.date | None:
    """The day a cell means, or None when it is not a recognisable full date.

    `month_first` reads numeric dates as month/day/year (a column proven to be written so).
    """
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
    if match := _NUMERIC.match(text):
        first, second = int(match[1]), int(match[2])
        day, month = (second, first) if month_first else (first, second)
        return _make(_year(match[3]), month, day)
    if match := _COMPACT.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if text.replace(".", "", 1).isdigit():
        return parse_fecha(float(text))
    found = _words(text)
    return _make(found[2], found[1], found[0]) if found and found[0] is not None else None


def parse_month(value: object) -> dt.date | None:
    """The first day of the month a cell names without a day («noviembre 2017», «nov-17», «11/2017»)."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if match := _NUMERIC_MONTH.match(text):
        month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
        return _make(year, month, 1)
    found = _words(text)
    if found is None or found[0] is not None:
        return None
    return _make(found[2], found[1], 1)


def month_first_evidence(values) -> str | None:
    """The value proving that a column writes numeric dates month first, or None.

    Proof is a value that can only be read month first (6/23/2018) in a column where no
    value can only be read day first (23/6/2018); anything else stays day first.
    """
    evidence, day_first = None, False
    for value in values:
        match = _NUMERIC.match(" ".join(value.split())) if isinstance(value, str) else None
        if match:
            first, second = int(match[1]), int(match[2])
            if first <= 12 < second <= 31 and evidence is None:
                evidence = value
            day_first |= second <= 12 < first <= 31
    return None if day_first else evidence
