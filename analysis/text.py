"""Text normalisation shared by column mapping and value recognition.

Field spreadsheets spell the same thing many ways ("Petén", "PETEN ", "peten");
comparing normalised keys makes all of them one.
"""
import re
import unicodedata

import pandas as pd

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(value: object) -> str:
    """Lower-case ASCII key: accents, punctuation and extra spaces removed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def clean_cell(value: object) -> str:
    """Cell value as trimmed text with inner whitespace collapsed ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    return " ".join(str(value).split())


def normalize_series(values: pd.Series) -> pd.Series:
    """`normalize` for a whole column at once (vectorised, each distinct value once)."""
    distinct = pd.Series(values.unique()).astype(str)
    keys = (distinct.str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
            .str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip())
    return values.map(dict(zip(values.unique(), keys))).astype(str)


def two_lines(text: str) -> tuple[str, ...]:
    """A label broken at the space nearest its middle («Alta / Verapaz»); one line if it has one word."""
    words = text.split()
    if len(words) < 2:
        return (text,)
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:cut]), " ".join(words[cut:])
