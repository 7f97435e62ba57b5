"""The model: trained on the shipped examples but never on the held-out third, deterministic, calibrated."""
import csv

import numpy as np

from analysis.text import normalize
from analysis.view import theme_model, themes


def test_the_held_out_third_of_the_real_statements_is_never_trained_on():
    with theme_model.REAL_STATEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    held_out = {normalize(r["texto"]) for r in rows if r["conjunto"] == "reservado"}
    training = {normalize(r["texto"]) for r in rows if r["conjunto"] == theme_model.TRAINING_PART}
    assert len(held_out) >= 200 and len(training) >= 400
    texts = {e.text for e in theme_model.shipped_examples()}
    assert training <= texts and not held_out & texts
    # a third of the sources, not of the statements: no source has statements on both sides
    sources = {part: {r["fuente_url"] for r in rows if r["conjunto"] == part} for part in ("entrenamiento", "reservado")}
    assert not sources["entrenamiento"] & sources["reservado"]


def test_training_is_deterministic_and_confidences_are_probabilities():
    examples = theme_model.shipped_examples()[:300]
    texts = ["falta de agentes en la subestacion", "los bosques desaparecen", "extorsion a pilotos"]
    first = theme_model.train(examples, themes.theme_names()).confidences(texts)
    again = theme_model.train(examples, themes.theme_names()).confidences(texts)
    assert np.array_equal(first, again)
    assert first.shape == (3, len(themes.theme_names())) and ((first >= 0) & (first <= 1)).all()


def test_the_model_generalises_to_wording_the_dictionary_lacks():
    model = theme_model.model(theme_model.shipped_examples(), themes.theme_names())
    confidence = model.confidences(["solo 12 agentes para cuarenta mil habitantes"])[0]
    assert themes.theme_names()[int(confidence.argmax())] == "Falta de personal policial"
