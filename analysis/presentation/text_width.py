"""How wide a chart label is drawn, known without a browser, so chart margins are computed, not measured.

plotly's `automargin` has the browser measure every tick label and then lay the chart out again: for
the four charts of Resumen that was 28 of 65 ms of drawing, after every filter change. Charts drawn on
screen use Arial (Liberation Sans on Linux and Helvetica on a Mac have the same widths by design), so
the advance widths of its letters, kept in `data/anchos_arial.json` in thousandths of the font size,
give the width the browser will draw to the pixel. Kerning only ever narrows a line, so the sum of
advances never falls short; a letter outside the table counts as the widest one.

Regenerate the table from the font file with:  python -m analysis.text_width /path/LiberationSans-Regular.ttf
"""
import html
import json
import math
import sys
from functools import cache
from pathlib import Path

from analysis import DATA

TABLE = DATA / "anchos_arial.json"
LETTERS = ([chr(c) for c in range(32, 127)] + [chr(c) for c in range(160, 256)]
           + list("…–—‘’“”•€"))


@cache
def _widths() -> tuple[dict[str, int], int]:
    by_width = json.loads(TABLE.read_text(encoding="utf-8"))["anchos"]
    widths = {letter: int(width) for width, letters in by_width.items() for letter in letters}
    return widths, max(widths.values())


def width(text: str, size: float) -> float:
    """Pixels the widest line of `text` (plotly markup: <br> breaks a line, entities are escaped) takes
    at a font size of `size` pixels."""
    widths, widest = _widths()
    lines = html.unescape(text.replace("<br>", "\n")).split("\n")
    return max(sum(widths.get(letter, widest) for letter in line) for line in lines) * size / 1000


def _generate(font_file: str) -> None:
    from PIL import ImageFont  # Pillow comes with python-pptx; only this generator needs it

    font = ImageFont.truetype(font_file, 1000)
    by_width: dict[str, str] = {}
    for letter in LETTERS:
        key = str(math.ceil(font.getlength(letter)))
        by_width[key] = by_width.get(key, "") + letter
    table = {"fuente": Path(font_file).name, "unidad": "milésimas del tamaño de la letra (1/1000 em)",
             "anchos": dict(sorted(by_width.items(), key=lambda item: int(item[0])))}
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _generate(sys.argv[1])
