"""Recurring themes in the free-text descriptions, found by plain keyword lists.

Workshops word the same need in many ways; a theme groups them ("Patrullaje y
presencia policial" for "falta de patrullas", "más agentes de la PNC"…). The
lists are data an analyst can read and extend; matching is on word beginnings of
the normalised text, so "extorsiones" matches "extorsion".
"""
import pandas as pd

from analysis.text import normalize

THEMES: dict[str, tuple[str, ...]] = {
    "Patrullaje y presencia policial": ("patrull", "policial", "pnc", "subestacion", "agentes", "policia"),
    "Extorsiones": ("extorsion",),
    "Pandillas y maras": ("pandilla", "mara"),
    "Alumbrado y espacios públicos": ("alumbrado", "iluminacion", "luminaria"),
    "Narcotráfico y narcomenudeo": ("narco", "droga", "estupefaciente"),
    "Contrabando y control fronterizo": ("contrabando", "frontera", "fronteriz", "aduana"),
    "Trata y tráfico de personas": ("trata", "migrante", "tráfico de personas"),
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

_KEYS = {theme: tuple(f" {normalize(k)}" for k in keys) for theme, keys in THEMES.items()}


def themes_of(text: str) -> list[str]:
    """Themes whose keywords begin a word of the text; [OTHER] when none does."""
    key = f" {normalize(text)} "
    found = [theme for theme, keys in _KEYS.items() if any(k in key for k in keys)]
    return found or [OTHER]


def theme_counts(needs: pd.DataFrame) -> pd.Series:
    """Needs per theme, most frequent first (a need may count under two themes)."""
    if needs.empty:
        return pd.Series(dtype="int64", name="necesidades")
    per_text = {text: themes_of(text) for text in needs["necesidad"].unique()}
    counts = needs["necesidad"].value_counts()
    totals: dict[str, int] = {}
    for text, count in counts.items():
        for theme in per_text[text]:
            totals[theme] = totals.get(theme, 0) + int(count)
    return pd.Series(totals, name="necesidades").sort_values(ascending=False, kind="stable")
