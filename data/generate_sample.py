"""Build the bundled SYNTHETIC sample workbook: data/muestra_necesidades.xlsx.

None of these needs is real. The workbook imitates what workshops send: an
instructions sheet, one sheet per ámbito with the ámbito only in the sheet name,
title rows with merged cells, blank rows, a TOTAL row, departments spelt without
accents or as INE codes, dates as date cells, day-first text and words, and a few
rows with errors and blanks so the validation report has something to show.
Run `python data/generate_sample.py` to rebuild it (deterministic).
"""
import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from analysis.fields import reference  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "muestra_necesidades.xlsx"
SEED = 2017
ROWS_PER_AMBITO = {"Seguridad Interior": 720, "Seguridad Exterior": 300,
                   "Gestión de Riesgos y Defensa Civil": 450, "Inteligencia de Estado": 200}
SHEET_NAMES = {"Seguridad Interior": "Interior", "Seguridad Exterior": "Exterior",
               "Gestión de Riesgos y Defensa Civil": "Gestión de riesgos", "Inteligencia de Estado": "Inteligencia"}

NEEDS = {
    "Seguridad Interior": [
        "Falta de patrullajes de la PNC en las aldeas", "Extorsiones a comercios y transporte público",
        "Presencia de pandillas cerca de centros educativos", "Alumbrado público deficiente en zonas de riesgo",
        "Insuficiente personal policial en la subestación", "Robo de ganado en las fincas",
        "Narcomenudeo en los alrededores del mercado", "Violencia intrafamiliar sin atención oportuna",
        "Conflictividad por tierras entre comunidades", "Falta de vehículos y combustible para la PNC",
        "Venta de licor sin control en horario nocturno", "Asaltos en la carretera principal",
        "Linchamientos y justicia por propia mano", "Falta de cámaras de videovigilancia en el casco urbano",
    ],
    "Seguridad Exterior": [
        "Contrabando por pasos fronterizos no controlados", "Tráfico ilícito de migrantes en la frontera",
        "Pistas de aterrizaje clandestinas", "Falta de presencia militar en la franja fronteriza",
        "Tala ilegal y tráfico de madera hacia el país vecino", "Narcotráfico por vía fluvial",
        "Trata de personas con fines de explotación", "Falta de coordinación con autoridades del país vecino",
    ],
    "Gestión de Riesgos y Defensa Civil": [
        "Deslizamientos en temporada de lluvias", "Inundaciones por desborde del río",
        "Falta de albergues temporales equipados", "Sin sistema de alerta temprana comunitario",
        "Incendios forestales en la época seca", "Viviendas en zonas de alto riesgo",
        "Coordinadora local para la reducción de desastres sin capacitar", "Sequía y pérdida de cosechas",
        "Puentes dañados que aíslan a las comunidades", "Falta de plan de respuesta ante erupciones volcánicas",
    ],
    "Inteligencia de Estado": [
        "Falta de información sobre estructuras criminales locales",
        "Poco intercambio de información entre instituciones de seguridad",
        "Extorsiones dirigidas desde centros carcelarios sin análisis",
        "Sin análisis de conflictividad social en el departamento",
        "Falta de personal capacitado en análisis de información",
        "Monitoreo insuficiente de redes de narcotráfico",
    ],
}
INSTITUCIONES = {
    "Seguridad Interior": ["PNC", "MINGOB", "Municipalidad", "Ministerio Público", "Gobernación Departamental"],
    "Seguridad Exterior": ["Ejército", "MINDEF", "SAT", "Instituto Guatemalteco de Migración", "PNC"],
    "Gestión de Riesgos y Defensa Civil": ["CONRED", "Municipalidad", "INSIVUMEH", "MICIVI", "Ejército"],
    "Inteligencia de Estado": ["SIE", "DIGICI", "MINGOB", "PNC"],
}
# Border departments weigh more in Seguridad Exterior; every department appears in all four.
EXTERIOR_WEIGHT = {"Petén": 6, "San Marcos": 5, "Huehuetenango": 5, "Izabal": 4, "Jutiapa": 4, "Chiquimula": 4,
                   "Quiché": 2, "Alta Verapaz": 2}
RIESGO_WEIGHT = {"Escuintla": 4, "Sololá": 3, "Sacatepéquez": 3, "Alta Verapaz": 3, "Chimaltenango": 3,
                 "Quetzaltenango": 2}
INTERIOR_WEIGHT = {"Guatemala": 8, "Escuintla": 3, "Zacapa": 2, "Chiquimula": 2, "Izabal": 2, "Petén": 2}
EVENTOS = [
    ("Seminario de Gobernanza Local y Seguridad (Antigua Guatemala)", dt.date(2017, 11, 9), 2),
    ("Taller regional Nororiente (Zacapa)", dt.date(2018, 5, 17), 1),
    ("Taller regional Occidente (Quetzaltenango)", dt.date(2018, 8, 23), 2),
    ("Taller departamental de Petén (Flores)", dt.date(2019, 3, 14), 1),
    ("Mesa técnica regional Norte (Cobán)", dt.date(2019, 9, 5), 1),
    ("Taller de seguimiento con gobernadores", dt.date(2020, 2, 20), 2),
]
NIVELES = ["Nacional", "Regional", "Departamental", "Municipal", "Comunitario"]
NIVEL_WEIGHTS = [1, 2, 4, 6, 5]
NIVEL_SPELLINGS = {"Comunitario": ["Comunitario", "COCODE", "comunitario"], "Municipal": ["Municipal", "COMUDE"],
                   "Departamental": ["Departamental", "CODEDE"], "Regional": ["Regional"], "Nacional": ["Nacional"]}
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]
TITLE_FILL = PatternFill("solid", fgColor="1F3A5F")


def _spell_departamento(rng: random.Random, name: str, code: int) -> str:
    """Department as field teams write it: mostly right, sometimes without accents or as a code."""
    roll = rng.random()
    if roll < 0.08:
        return f"{code:02d}"
    if roll < 0.2:
        return name.upper().replace("É", "E").replace("Á", "A")
    if roll < 0.25 and name == "Quiché":
        return "El Quiché"
    if roll < 0.3 and name == "Quetzaltenango":
        return "Xela"
    return name + (" " if roll > 0.95 else "")


def _spell_fecha(rng: random.Random, day: dt.date):
    roll = rng.random()
    if roll < 0.6:
        return dt.datetime(day.year, day.month, day.day)
    if roll < 0.85:
        return day.strftime("%d/%m/%Y")
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def _rows_for(rng: random.Random, ambito: str, count: int) -> list[list]:
    deptos = reference.departamentos()
    weights_table = {"Seguridad Exterior": EXTERIOR_WEIGHT, "Gestión de Riesgos y Defensa Civil": RIESGO_WEIGHT,
                     "Seguridad Interior": INTERIOR_WEIGHT}.get(ambito, {})
    codes = list(deptos)
    weights = [weights_table.get(deptos[c], 1) for c in codes]
    rows = []
    for i in range(count):
        # Cycle through all departments first so every one appears in every ámbito.
        code = codes[i] if i < len(codes) else rng.choices(codes, weights)[0]
        name = deptos[code]
        municipios = [m.nombre for m in reference.municipios() if m.departamento_codigo == code]
        municipio = rng.choice(municipios) if rng.random() < 0.45 else ""
        nivel = rng.choices(NIVELES, NIVEL_WEIGHTS)[0]
        evento, start, days = rng.choice(EVENTOS)
        day = start + dt.timedelta(days=rng.randrange(days))
        rows.append([
            i + 1, _spell_departamento(rng, name, code), municipio, rng.choice(NIVEL_SPELLINGS[nivel]),
            rng.choice(NEEDS[ambito]), rng.choices(["Alta", "Media", "Baja", ""], [5, 4, 2, 1])[0],
            rng.choice(INSTITUCIONES[ambito]), evento, _spell_fecha(rng, day),
            rng.choices(["Identificada", "En seguimiento", "Atendida"], [6, 3, 1])[0],
        ])
    return rows


def _add_messiness(rows: list[list], ambito: str) -> None:
    """A few blanks and mistakes of the kind real files carry (the report shows them)."""
    if ambito == "Seguridad Interior":
        rows[30][1] = "Sacatepeques"  # misspelt: rejected with a suggestion
        rows[31][4] = ""  # no description: rejected
        rows[40][3] = ""  # no level: kept as «Sin especificar» with a warning
        rows[41][3] = ""
    if ambito == "Gestión de Riesgos y Defensa Civil":
        rows[12][1], rows[12][2] = "", "San José"  # shared name without department: rejected
        rows[50][8] = "pronto"  # not a date: kept, warned


def build_workbook() -> Workbook:
    rng = random.Random(SEED)
    workbook = Workbook()
    about = workbook.active
    about.title = "Instrucciones"
    for line in ("DATOS SINTÉTICOS DE EJEMPLO — no son necesidades reales",
                 "Generados por data/generate_sample.py para mostrar el tablero.",
                 "Una hoja por ámbito de seguridad; una necesidad por fila."):
        about.append([line])
    about["A1"].font = Font(bold=True, size=14, color="B00020")
    header = ["No.", "Depto.", "Municipio", "Nivel territorial", "Problemática identificada", "Prioridad",
              "Institución responsable", "Evento", "Fecha", "Estado"]
    for ambito, count in ROWS_PER_AMBITO.items():
        sheet = workbook.create_sheet(SHEET_NAMES[ambito])
        sheet["A1"] = "Taller de Identificación de Necesidades de Seguridad a nivel local"
        sheet["A2"] = "DATOS SINTÉTICOS DE EJEMPLO — no son datos reales"
        sheet.merge_cells("A1:J1")
        sheet.merge_cells("A2:J2")
        sheet["A1"].font = Font(bold=True, size=14, color="FFFFFF")
        sheet["A1"].fill = TITLE_FILL
        sheet["A2"].font = Font(bold=True, color="B00020")
        sheet.append([])
        sheet.append(header)
        rows = _rows_for(rng, ambito, count)
        _add_messiness(rows, ambito)
        for index, row in enumerate(rows):
            sheet.append(row)
            if index in (100, 101, 400):
                sheet.append([])  # blank rows inside the table
        sheet.append(["TOTAL", "", "", "", len(rows)])
    return workbook


def main() -> None:
    workbook = build_workbook()
    workbook.properties.created = workbook.properties.modified = dt.datetime(2020, 3, 1)
    workbook.properties.creator = "generate_sample.py (datos sintéticos)"
    workbook.save(OUTPUT)
    print(f"Muestra sintética guardada en {OUTPUT}")


if __name__ == "__main__":
    main()
