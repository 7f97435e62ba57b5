"""Settings an office sets once: the classification marking, who signs the reports, session length.

Read from `configuracion.toml` at the project root (section [informes]); the
environment variable TABLERO_CLASIFICACION overrides the marking, so one deployment
can differ from another without editing files.
"""
import os
import tomllib
from dataclasses import dataclass
from functools import cache

from analysis import PROJECT

CONFIG_PATH = PROJECT / "configuracion.toml"
DEFAULT_CLASSIFICATION = "USO OFICIAL"
DEFAULT_INSTITUTION = "Secretaría Técnica del Consejo Nacional de Seguridad"


DEFAULT_IDLE_MINUTES = 30


@dataclass(frozen=True)
class Settings:
    classification: str
    institution: str
    idle_minutes: int  # a signed-in session ends after this long without activity


@cache
def _file() -> dict:
    try:
        with CONFIG_PATH.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def settings() -> Settings:
    reports, access = _file().get("informes", {}), _file().get("acceso", {})
    classification = os.environ.get("TABLERO_CLASIFICACION") or reports.get("clasificacion") or DEFAULT_CLASSIFICATION
    try:
        idle = max(1, int(access.get("inactividad_minutos", DEFAULT_IDLE_MINUTES)))
    except (TypeError, ValueError):
        idle = DEFAULT_IDLE_MINUTES
    return Settings(" ".join(str(classification).split()), str(reports.get("institucion") or DEFAULT_INSTITUTION),
                    idle)
