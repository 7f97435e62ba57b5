"""Laying out an HTML page as one sheet, the way Excel opens it.

Many government web systems "export to Excel" by sending an HTML page named `.xls`;
Excel opens it without complaint. It shows the page as one sheet: a heading or
paragraph on a row of its own, each table's rows below it, and a cell that spans rows
or columns as a merged block. This module does the same with the standard library's
HTML parser (entities such as `&nbsp;` and `&Aacute;` decoded), so the rest of the
importer reads the page like any sheet: titles, stacked tables, merged blocks and all.
"""
from html.parser import HTMLParser

# Elements whose text Excel puts on a row of its own.
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "li", "center", "blockquote", "pre",
           "section", "article", "header", "footer", "dt", "dd", "legend"}
_IGNORED = {"script", "style", "head", "title", "noscript", "template"}
_CELLS = {"td", "th"}
# A span larger than this is a page-layout trick, not a merged block of data.
_MAX_SPAN = 1000


def _span(attrs: dict, name: str) -> int:
    try:
        return min(max(int(str(attrs.get(name) or "1").strip()), 1), _MAX_SPAN)
    except ValueError:
        return 1


class _Table:
    """Where the next cell of a table goes, given the cells above that span down into its rows."""

    def __init__(self):
        self.row: dict[int, str] | None = None  # column -> text of the row being read
        self.cell: list[str] | None = None  # text pieces of the cell being read
        self.cell_column = 0
        self.merged: list[tuple[int, int, int]] = []  # (column, rowspan, colspan) of that row's spanning cells
        self.column = 0
        self.spans: list[tuple[int, int, int]] = []  # (first column, last column, rows still covered)

    def start_row(self) -> None:
        self.row, self.merged, self.column = {}, [], 0

    def place(self, rowspan: int, colspan: int) -> int:
        """The column of a new cell: the first one at or after the cursor not covered from above."""
        moved = True
        while moved:
            moved = False
            for first, last, _ in self.spans:
                if first <= self.column <= last:
                    self.column, moved = last + 1, True
        column = self.column
        self.column += colspan
        if rowspan > 1 or colspan > 1:
            self.merged.append((column, rowspan, colspan))
        return column

    def end_row(self) -> None:
        self.spans = [(first, last, rows - 1) for first, last, rows in self.spans if rows > 1]
        self.spans += [(column, column + colspan - 1, rowspan - 1) for column, rowspan, colspan in self.merged
                       if rowspan > 1]
        self.row = None


class _Layout(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.tables: list[_Table] = []
        self.loose: list[str] = []  # text outside any cell
        self.ignoring = 0

    # Rows ------------------------------------------------------------------------------

    def _flush_loose(self) -> None:
        text = " ".join("".join(self.loose).split())
        self.loose = []
        if text:
            self.rows.append([text])

    def _text(self) -> list[str]:
        """Where text goes now: the open cell of the innermost table, else the loose text."""
        cell = self.tables[-1].cell if self.tables else None
        return self.loose if cell is None else cell

    def _in_cell(self) -> bool:
        return bool(self.tables) and self.tables[-1].cell is not None

    def _end_cell(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            if table.row is not None:
                table.row[table.cell_column] = "".join(table.cell).strip()
            table.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        table = self.tables[-1] if self.tables else None
        if table is None or table.row is None:
            return
        index = len(self.rows)
        width = max(table.row, default=-1) + 1
        self.rows.append([table.row.get(column, "") for column in range(width)])
        self.merged += [(index, column, index + rowspan - 1, column + colspan - 1)
                        for column, rowspan, colspan in table.merged]
        table.end_row()

    # Parser callbacks --------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if tag in _IGNORED:
            self.ignoring += 1
            return
        if tag == "br":
            self._text().append("\n")
        elif tag == "table":
            self._flush_loose()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._end_row()
            self._flush_loose()
            self.tables[-1].start_row()
        elif tag in _CELLS and self.tables:
            table = self.tables[-1]
            self._end_cell()
            if table.row is None:  # a cell without its <tr>
                self._flush_loose()
                table.start_row()
            values = dict(attrs) if attrs else {}
            table.cell_column = table.place(_span(values, "rowspan") if values else 1,
                                            _span(values, "colspan") if values else 1)
            table.cell = []
        elif tag in _BLOCKS and not self._in_cell():
            self._flush_loose()

    def handle_endtag(self, tag):
        if tag in _IGNORED:
            self.ignoring = max(0, self.ignoring - 1)
        elif tag in _CELLS:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self.tables:
            self._end_row()
            self.tables.pop()
            self._flush_loose()
        elif tag in _BLOCKS and not self._in_cell():
            self._flush_loose()

    def handle_data(self, data):
        if self.ignoring:
            return
        self._text().append(data)

    def close(self):
        super().close()
        while self.tables:
            self._end_row()
            self.tables.pop()
        self._flush_loose()


def html_layout(text: str) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Rows of the page as Excel lays them out, and its merged blocks (0-based, inclusive)."""
    parser = _Layout()
    parser.feed(text)
    parser.close()
    return parser.rows, parser.merged


def has_table(text: str) -> bool:
    return "<table" in text.lower()
