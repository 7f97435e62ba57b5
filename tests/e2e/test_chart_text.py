"""Chart margins on screen are computed from the chart font's letter widths: Chromium must draw them so."""
from analysis.presentation.charts import FONT_FAMILY
from analysis.presentation.text_width import width

LABELS = ["Gestión de Riesgos", "Sacatepéquez", "Ministerio de Gobernación (MINGOB)", "ÁÉÍÓÚ Ñandú «Q» ¿sí?",
          "San Juan Ostuncalco, 12.5 %", "WWW mmm iii 000"]


def test_chromium_draws_the_chart_font_as_wide_as_the_width_table_says(page):
    page.set_content("<svg xmlns='http://www.w3.org/2000/svg' width='900' height='40'></svg>")
    drawn = page.evaluate("""([family, labels]) => labels.map(label => {
        const svg = document.querySelector('svg');
        const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
        text.setAttribute('y', 20);
        text.style.fontFamily = family;
        text.style.fontSize = '15px';
        text.textContent = label;
        svg.appendChild(text);
        const drawn = text.getBoundingClientRect().width;
        text.remove();
        return drawn;
    })""", [FONT_FAMILY, LABELS])
    for label, px in zip(LABELS, drawn):
        assert px - 0.5 <= width(label, 15) <= px * 1.02 + 0.5, (label, px, width(label, 15))
