"""Label widths known without a browser, so chart margins hold every label without measuring it."""
from analysis.presentation.text_width import width


def test_widths_match_what_chromium_drew_for_these_labels():
    # Measured on the y axis of Resumen's charts in Chromium at 15 px (getBoundingClientRect).
    for label, drawn in (("Huehuetenango", 106.77), ("Departamental", 98.39), ("Inteligencia de Estado", 147.61)):
        assert drawn - 0.5 <= width(label, 15) <= drawn + 0.5


def test_a_label_of_several_lines_is_as_wide_as_its_widest_line_and_entities_count_as_shown():
    assert width("Gestión de Riesgos<br>y Defensa Civil", 15) == width("Gestión de Riesgos", 15)
    assert width("MP &amp; OJ", 15) == width("MP & OJ", 15)
    assert width("ab", 30) == 2 * width("ab", 15)


def test_a_letter_outside_the_table_counts_as_the_widest():
    assert width("中", 10) >= width("W", 10) and width("中", 10) >= width("…", 10)
