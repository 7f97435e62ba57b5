"""What a need is made of: its fields as the catalogue declares them (`data/campos.toml`), the domain's
reference tables (departamentos, municipios, regiones, niveles, ámbitos) and how a written value is recognised
(places, controlled values, dates)."""
from analysis.fields import reference
from analysis.fields.catalogue import (
                                       DROP,
                                       KEEP,
                                       REJECT,
                                       SIN_ESPECIFICAR,
                                       Field,
                                       all_fields,
                                       blank_word,
                                       controlled_fields,
                                       export_keys,
                                       filter_fields,
                                       get,
                                       label,
                                       mapped_keys,
)
from analysis.fields.dates import parse_fecha

__all__ = ["DROP", "KEEP", "REJECT", "SIN_ESPECIFICAR", "Field", "all_fields", "blank_word", "controlled_fields",
           "export_keys", "filter_fields", "get", "label", "mapped_keys", "parse_fecha", "reference"]
