"""Every kind of observation has a stable code, documented in the README, and travels with the report."""
import json
import re
from pathlib import Path

import pytest

from analysis.ingest import KINDS, Problem, analyse_file

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_code_once_with_its_severity():
    section = README.read_text(encoding="utf-8").split("#### Códigos de las observaciones")[1].split("\n\n", 2)[2]
    listed = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+?) \|", section, re.M))
    assert set(listed) == set(KINDS)
    words = {"error": "error (fila rechazada)", "warning": "advertencia", "correction": "corrección", "note": "nota"}
    assert {code: words[kind.severity] for code, kind in KINDS.items()} == listed


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        Problem("no-existe", "Hoja", 2, "Departamento", "x", "mensaje")


def test_the_report_carries_the_code_of_each_observation():
    content = ("Departamento,Nivel,Ámbito,Necesidad,Fecha\nSacatepeques,Municipal,Interior,Falta de patrullas,9/11/2017\n"
               "Petén,Barrial,Interior,Alumbrado en el parque,pronto\n").encode()
    found = analyse_file(content, "taller.csv")
    assert [(p.row, p.code, p.severity) for p in found.problems] == [
        (2, "departamento-no-reconocido", "error"), (3, "valor-no-reconocido", "error"),
        (3, "fecha-no-reconocida", "warning")]
    assert json.loads(json.dumps(found.problems[0].as_dict()))["code"] == "departamento-no-reconocido"
