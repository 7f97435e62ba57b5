"""Text normalisation shared by column mapping and value recognition.

Field spreadsheets spell the same thing many ways ("Petén", "PETEN ", "peten");
comparing normalised keys makes all of them one. Text copied from web pages, PDFs and
chat carries characters that print as nothing (zero-width spaces, soft hyphens, a BOM,
direction marks), non-breaking spaces and accents decomposed into letter + mark; none of
them may make a value unrecognisable, so every cell passes through here.
"""
import re
import unicodedata
from itertools import chain

import pandas as pd

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# Characters that print as nothing (Unicode category Cf: zero-width spaces and joiners, soft
# hyphen, BOM, direction marks, tags): removed, never turned into a space, so «Pe\u200bten» is «Peten».
INVISIBLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in chain(range(0x10000), range(0xE0000, 0xE0080))
                                     if unicodedata.category(chr(cp)) == "Cf") + "]")


def without_invisible(text: str) -> str:
    # isprintable() is false for every invisible character (and for non-ASCII spaces): the
    # common clean text skips the search.
    return text if text.isprintable() else INVISIBLE.sub("", text)


def visible(text: str) -> str:
    """Text without invisible characters and with accents composed (NFC), as people see it."""
    if text.isascii():
        return text
    text = without_invisible(text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def normalize(value: object) -> str:
    """Lower-case ASCII key: accents, punctuation and extra spaces removed."""
    if value is None:
        return ""
    text = str(value)
    if not text.isascii():  # accents split off (NFKD) and every non-ASCII character dropped, as normalize_series does
        text = unicodedata.normalize("NFKD", without_invisible(text)).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def clean_cell(value: object) -> str:
    """Cell value as trimmed text with inner whitespace (non-breaking spaces included) collapsed
    and invisible characters removed ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    return " ".join(visible(str(value)).split())


def normalize_series(values: pd.Series) -> pd.Series:
    """`normalize` for a whole column at once (vectorised, each distinct value once)."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    keys = (pd.Series(distinct).astype(str).str.replace(INVISIBLE.pattern, "", regex=True).str.normalize("NFKD")
            .str.encode("ascii", "ignore").str.decode("ascii")
            .str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip())
    return pd.Series(keys.to_numpy(dtype=object)[codes], index=values.index, dtype=str)


def two_lines(text: str) -> tuple[str, ...]:
    """A label broken at the space nearest its middle («Alta / Verapaz»); one line if it has one word."""
    words = text.split()
    if len(words) < 2:
        return (text,)
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:cut]), " ".join(words[cut:])
