// Streamlit's own controls (sidebar, pickers, uploader, dialogs, status) speak English and offer no
// language setting. This script, which ui/server.py puts in the head of the page so that it runs before
// Streamlit draws anything, puts their visible text and their accessible names (aria-label, title,
// placeholder) into Spanish as they appear, and marks the page as Spanish so screen readers pronounce it
// right. Only the fixed wording of the framework is translated; data is never touched (a value equal to an
// English phrase would need to be one of these exact strings).
(() => {
  if (window.__tableroEspanol) return;
  window.__tableroEspanol = true;
  document.documentElement.lang = "es";

  const EXACT = {
    "Skip to main content": "Saltar al contenido principal",
    "Sidebar": "Barra lateral",
    "Collapse sidebar": "Ocultar la barra lateral",
    "Expand sidebar": "Mostrar la barra lateral",
    "App pages": "Páginas del tablero",
    "Main menu": "Menú principal",
    "Link to heading": "Enlace a este título",
    "Open": "Abrir",
    "Close": "Cerrar",
    "Clear all": "Quitar todo",
    "Clear value": "Borrar",
    "Select all": "Elegir todo",
    "Choose an option": "Elija una opción",
    "Choose options": "Elija opciones",
    "Select...": "Elija…",
    "Add an option": "Agregar una opción",
    "Deselect": "Quitar",
    "No results": "Sin resultados",
    "view more": "ver más",
    "View more": "Ver más",
    "Choose date": "Elegir fecha",
    "Choose date range": "Elegir un rango de fechas",
    "Previous month": "Mes anterior",
    "Next month": "Mes siguiente",
    "Increment": "Aumentar",
    "Decrement": "Disminuir",
    "Copy to clipboard": "Copiar",
    "Copied!": "¡Copiado!",
    "Copied": "Copiado",
    "Upload": "Elegir archivo",
    "Browse files": "Elegir archivo",
    "file upload": "cargar archivo",
    "Drag and drop file here": "Arrastre el archivo aquí",
    "Drag and drop a file here": "Arrastre el archivo aquí",
    "Page not found": "Página no encontrada",
    "Failed to generate file for download":
      "No se pudo preparar la descarga: su sesión terminó o la base no responde. Recargue la página y vuelva a intentarlo.",
    "Download failed": "No se pudo descargar: recargue la página y vuelva a intentarlo.",
    "Connection error": "Sin conexión con el servidor",
    "Connection lost. Please wait for the app to reconnect, then try again.":
      "Se perdió la conexión. Espere a que el tablero se reconecte y vuelva a intentarlo.",
    "Please wait...": "Espere, por favor…",
    "Running...": "Procesando…",
    "Running": "Procesando",
    "Stop": "Detener",
    "Stop script": "Detener",
    "Multiselect": "Selección múltiple",
    "Multiselect options": "Opciones",
    "Selectbox": "Lista",
    "Selectbox options": "Opciones",
    "Menu": "Menú",
    "Fullscreen": "Pantalla completa",
    "Close fullscreen": "Salir de pantalla completa",
    "Download as CSV": "Descargar como CSV",
    "Search": "Buscar",
    "dd / mm / yyyy": "dd / mm / aaaa",
    "yyyy": "aaaa",
    "DD/MM/YYYY": "DD/MM/AAAA",
    "day": "día",
    "month": "mes",
    "year": "año",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
      "Use las flechas para recorrer las fechas, Intro para elegir una y Escape para cerrar.",
    "Use arrow keys to navigate. Enter to select. Tab to switch between calendar and time. Escape to close.":
      "Use las flechas para recorrer, Intro para elegir, Tab para pasar del calendario a la hora y Escape para cerrar.",
    "Next": "Siguiente",
    "Previous": "Anterior",
    "Next page": "Página siguiente",
    "Previous page": "Página anterior",
    "Next Result": "Resultado siguiente",
    "Previous Result": "Resultado anterior",
    "Press Enter to submit form": "Pulse Intro para enviar",
    "Press Enter to apply": "Pulse Intro para aplicar",
    "Press Ctrl+Enter to submit form": "Pulse Ctrl+Intro para enviar",
    "Press Ctrl+Enter to apply": "Pulse Ctrl+Intro para aplicar",
    "Press ⌘+Enter to submit form": "Pulse ⌘+Intro para enviar",
    "Press ⌘+Enter to apply": "Pulse ⌘+Intro para aplicar",
    "Show password": "Mostrar la contraseña",
    "Hide password": "Ocultar la contraseña",
    "Show/hide columns": "Mostrar u ocultar columnas",
    "Hide column": "Ocultar la columna",
    "Sort ascending": "Ordenar de menor a mayor",
    "Sort descending": "Ordenar de mayor a menor",
    "Pin column": "Fijar la columna",
    "Unpin column": "Soltar la columna",
    "Autosize": "Ajustar el ancho",
    "File size is too small.": "El archivo está vacío.",
    "Only one file is allowed.": "Se puede cargar un solo archivo a la vez.",
    "Unexpected error. Please try again.": "Error inesperado. Vuelva a intentarlo.",
  };
  const MONTHS = {January: "enero", February: "febrero", March: "marzo", April: "abril", May: "mayo",
    June: "junio", July: "julio", August: "agosto", September: "septiembre", October: "octubre",
    November: "noviembre", December: "diciembre"};
  const DAYS = {Sunday: "domingo", Monday: "lunes", Tuesday: "martes", Wednesday: "miércoles", Thursday: "jueves",
    Friday: "viernes", Saturday: "sábado"};
  const SHORT_DAYS = {Su: "do", Mo: "lu", Tu: "ma", We: "mi", Th: "ju", Fr: "vi", Sa: "sá"};
  const dateWords = (text) => text
    .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g,
      (m) => MONTHS[m])
    .replace(/\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g, (d) => DAYS[d]);
  // What a calendar day adds after its date, as react-aria says it in English.
  const DAY_STATES = {"Today": "hoy", "selected": "elegida", "Selected": "elegida", "First available date":
    "primera fecha disponible", "Last available date": "última fecha disponible", "unavailable": "no disponible"};
  const dayStates = (rest) => rest.replace(/\b(Today|selected|Selected|First available date|Last available date|unavailable)\b/g,
    (w) => DAY_STATES[w]);
  const PATTERNS = [
    [/^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), (January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})(.*)$/s,
      (m) => `${DAYS[m[1]]}, ${m[3]} de ${MONTHS[m[2]]} de ${m[4]}${dayStates(m[5])}`],
    [/^File must be ([\d.]+)\s?([KMG]B) or smaller\.$/s,
      (m) => `El archivo debe pesar ${Number(m[1]).toLocaleString("es-GT")} ${m[2]} o menos.`],
    [/^(.+) files are not allowed\.$/s, (m) => `No se admiten archivos de tipo ${m[1]}.`],
    [/^Help for (.+)$/s, (m) => `Ayuda sobre ${m[1]}`],
    [/^Remove (.+)$/s, (m) => `Quitar ${m[1]}`],
    [/^Shortcut (.+)$/s, (m) => `Atajo ${m[1]}`],
    [/^day, (.+)$/s, (m) => `día, ${m[1]}`],
    [/^month, (.+)$/s, (m) => `mes, ${m[1]}`],
    [/^year, (.+)$/s, (m) => `año, ${m[1]}`],
    [/^Upload (.+)$/s, (m) => `Cargar ${m[1]}`],
    [/^(.*?)\s*([\d.]+\s?[KMG]B) per file(.*)$/s, (m) => `${m[1]}Hasta ${m[2].replace("MB", " MB")} por archivo${m[3]}`],
    [/^Drag and drop (.+) here$/s, () => "Arrastre el archivo aquí"],
    [/^(.*)\. Running the app's main page\.$/s,
      () => "La página pedida no existe. Se muestra la página principal del tablero."],
    [/^You have requested page (.+), but no corresponding file was found in the app's pages directory\..*$/s,
      () => "La página pedida no existe. Se muestra la página principal del tablero."],
    [/^Choose date, (.+)$/s, (m) => `Elegir fecha, ${dateWords(m[1])}`],
    [/^Choose date range, (.+)$/s, (m) => `Elegir un rango de fechas, ${dateWords(m[1])}`],
    [/^(Choose|Selected)\b.*\d{4}/s, (m) => dateWords(m[0])
      .replace(/^Choose /, "Elegir ").replace(/^Selected /, "Elegida: ")
      .replace(/(\d+)(st|nd|rd|th)\b/g, "$1").replace(/ It's available\.?/, "").replace(/ It's not available\.?/, " (no disponible)")],
    [/^(January|February|March|April|May|June|July|August|September|October|November|December)( \d{4})?$/,
      (m) => dateWords(m[0])],
  ];

  const translate = (text) => {
    if (!text) return null;
    const trimmed = text.trim();
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) return text.replace(trimmed, EXACT[trimmed]);
    for (const [pattern, build] of PATTERNS) {
      const match = trimmed.match(pattern);
      if (match) return text.replace(trimmed, build(match));
    }
    return null;
  };

  const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-description", "alt"];
  // Where the dashboard writes data (descriptions, file names, chart labels): never translated.
  const DATA = '[data-testid="stMarkdown"], [data-testid="stCaptionContainer"], [data-testid="stCode"], ' +
    '[data-testid="stText"], .js-plotly-plot, [data-testid="stTable"], [data-testid="stDataFrame"]';
  const inCalendar = (node) => node.parentElement && node.parentElement.closest('[data-baseweb="calendar"], [data-baseweb="popover"]');

  // The calendar's header names the week's days by their English initials, which only the whole row tells
  // apart (S is Sunday or Saturday): the row is translated as a whole.
  const WEEK_ROWS = {SMTWTFS: "DLMMJVS", MTWTFSS: "LMMJVSD"};
  const fixWeekdays = (root) => {
    if (!root.querySelectorAll) return;
    for (const row of root.querySelectorAll('[data-testid="stDateInputCalendar"] thead tr, [data-baseweb="calendar"] thead tr')) {
      const cells = [...row.children];
      const spanish = WEEK_ROWS[cells.map((c) => c.textContent.trim()).join("")];
      if (spanish) cells.forEach((cell, i) => { cell.textContent = spanish[i]; });
    }
  };

  const fixElement = (element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute && element.getAttribute(name);
      const spanish = translate(value);
      if (spanish !== null && spanish !== value) element.setAttribute(name, spanish);
    }
  };
  const fixText = (node) => {
    if (node.parentElement && node.parentElement.closest(DATA)) return;
    const value = node.nodeValue;
    let spanish = translate(value);
    if (spanish === null && inCalendar(node)) {
      const trimmed = value.trim();
      if (SHORT_DAYS[trimmed]) spanish = value.replace(trimmed, SHORT_DAYS[trimmed]);
      else if (MONTHS[trimmed]) spanish = value.replace(trimmed, MONTHS[trimmed]);
    }
    if (spanish !== null && spanish !== value) node.nodeValue = spanish;
  };
  // Charts draw thousands of SVG nodes and hold only the dashboard's own Spanish words: never walked.
  const CHARTS = '.js-plotly-plot, svg';
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE || root.closest(CHARTS)) return;
    fixElement(root);
    fixWeekdays(root.parentElement || root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.nodeType === Node.ELEMENT_NODE && node.matches(CHARTS)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) fixText(node); else fixElement(node);
    }
  };

  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "attributes") fixElement(mutation.target);
      else if (mutation.type === "characterData") fixText(mutation.target);
      else mutation.addedNodes.forEach(fixTree);
    }
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ATTRIBUTES});
  if (document.body) fixTree(document.body);  // in the page head (ui/server.py) there is no body yet
})();
