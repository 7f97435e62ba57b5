"""How the view is shown: the catalogue of panels (every chart declared once), the chart and map builders with
their looks (screen, projector, image, slide), chart images, the tables the pages show, and the provenance
every exported chart carries."""
from analysis.presentation import charts, images, insight_tables
from analysis.presentation.charts import IMAGE, PRESENT, SCREEN
from analysis.presentation.panels import (
    ALL,
    CHOICE_AMBITO,
    CHOICE_DEPARTAMENTO,
    PANELS,
    RECURRING_PLACES,
    Context,
    Drawn,
    default_departamento,
)
from analysis.presentation.provenance import Provenance

__all__ = ["ALL", "CHOICE_AMBITO", "CHOICE_DEPARTAMENTO", "IMAGE", "PANELS", "PRESENT", "RECURRING_PLACES",
           "SCREEN", "Context", "Drawn", "Provenance", "charts", "default_departamento", "images", "insight_tables"]
