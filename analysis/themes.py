"""Recurring themes in the free-text descriptions, found by plain keyword lists.

Workshops word the same need in many ways; a theme groups them ("Patrullaje y
presencia policial" for "falta de patrullas", "más agentes de la PNC"…). The
lists are data an analyst can read and extend; a keyword matches the beginning of
a word of the normalised description, so "extorsion" matches "Extorsiones".
"""
import re

import pandas as pd

from analysis.text import normalize

THEMES: dict[str, tuple[str, ...]] = {
    "Patrullaje y presencia policial": ("patrull", "policial", "pnc", "subestacion", "agentes", "policia"),
    "Extorsiones": ("extorsion",),
    "Pandillas y maras": ("pandilla", "mara"),
    "Alumbrado y espacios públicos": ("alumbrado", "iluminacion", "luminaria"),
    "Narcotráfico y narcomenudeo": ("narco", "droga", "estupefaciente"),
    "Contrabando y control fronterizo": ("contrabando", "frontera", "fronteriz", "aduana"),
    "Trata y tráfico de personas": ("trata", "migrante", "trafico de personas"),
    "Pistas clandestinas": ("pista",),
    "Robos y asaltos": ("robo", "asalto", "hurto", "abigeato"),
    "Violencia intrafamiliar y contra la mujer": ("intrafamiliar", "contra la mujer", "femicidio"),
    "Conflictividad social y agraria": ("conflictividad", "conflicto", "tierras", "linchamiento"),
    "Deslizamientos e inundaciones": ("desliz", "deslave", "inundacion", "desborde", "lluvia"),
    "Incendios forestales": ("incendio",),
    "Alerta temprana, albergues y respuesta": ("alerta", "albergue", "plan de respuesta", "coordinadora local"),
    "Vivienda e infraestructura en riesgo": ("vivienda", "puente", "zona de alto riesgo", "zonas de alto riesgo"),
    "Sequía": ("sequia",),
    "Información e inteligencia": ("informacion", "inteligencia", "analisis", "monitoreo"),
    "Tala ilegal y recursos naturales": ("tala", "madera", "forestal"),
    "Videovigilancia": ("camara", "videovigilancia"),
    "Equipamiento y recursos": ("vehiculo", "combustible", "equipo", "equipad", "personal"),
    "Licor y establecimientos": ("licor", "cantina"),
}
OTHER = "Otros temas"


def theme_pattern(theme: str) -> str:
    """Regular expression matching the theme's keywords at a word start in « normalised text »."""
    return " (?:" + "|".join(re.escape(normalize(k)) for k in THEMES[theme]) + ")"


def theme_counts(flags: pd.DataFrame) -> pd.Series:
    """Needs per theme from the theme flags of the needs in view, most frequent first.

    A need may count under two themes; needs matching none count as «Otros temas».
    """
    counts = flags.sum().astype(int)
    counts[OTHER] = int((~flags.any(axis=1)).sum()) if len(flags.columns) else len(flags)
    counts = counts[counts > 0]
    return counts.sort_values(ascending=False, kind="stable").rename("necesidades")
