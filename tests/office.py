"""A real office client for the tests: LibreOffice converts a workbook or a deck to PDF, poppler reads the pages.

Each conversion runs with a profile of its own, so tests (and engineers) converting at the same time never share
LibreOffice's lock; the PDF is what a printer would receive.
"""
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SOFFICE = "/usr/bin/soffice"


@dataclass(frozen=True)
class Page:
    width: float  # points
    height: float
    text: str


def to_pdf(document: Path) -> Path:
    """`document` converted by LibreOffice, beside it (same name, .pdf)."""
    with tempfile.TemporaryDirectory(prefix="lo-perfil-") as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(document.parent), str(document)], check=True, capture_output=True)
    return document.with_suffix(".pdf")


def pages(pdf: Path) -> list[Page]:
    """Every page of a PDF with its size and its text (poppler's pdfinfo and pdftotext)."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout.split("\f")
    return [Page(w, h, page_text) for (w, h), page_text in zip(sizes, text)]
