"""Settings an office sets once: the classification marking and who signs the reports.

Read from `configuracion.toml` at the project root (section [informes]); the
environment variable TABLERO_CLASIFICACION overrides the marking, so one deployment
can differ from another without editing files.
"""
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONFIG_PATH = Path(__file__).resolve().parent.parent / "configuracion.toml"
DEFAULT_CLASSIFICATION = "USO OFICIAL"
DEFAULT_INSTITUTION = "Secretaría Técnica del Consejo Nacional de Seguridad"


@dataclass(frozen=True)
class Settings:
    classification: str
    institution: str


@cache
def _file() -> dict:
    try:
        with CONFIG_PATH.open("rb") as handle:
            return tomllib.load(handle).get("informes", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def settings() -> Settings:
    found = _file()
    classification = os.environ.get("TABLERO_CLASIFICACION") or found.get("clasificacion") or DEFAULT_CLASSIFICATION
    return Settings(" ".join(str(classification).split()), str(found.get("institucion") or DEFAULT_INSTITUTION))
