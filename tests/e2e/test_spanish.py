"""Every word a user sees or hears (screen readers included) is Spanish, on every page and in every popup."""
import re

import pytest

from tests.e2e.conftest import click_until, wait_ready
from tests.e2e.test_browser import open_spec
from ui import site

# English words and phrases of Streamlit's own controls (and common UI words), matched as whole words.
ENGLISH = re.compile(r"\b(?:" + "|".join([
    "Page not found", "Running", "Stop", "view more", "View more", "No results", "Collapse", "Expand", "Clear all",
    "Clear value", "Remove", "Help for", "Choose", "Upload", "Browse", "Drag and drop", "per file", "Skip to",
    "Link to heading", "Sidebar", "Open", "Close", "Select all", "Deselect", "Increment", "Decrement", "Copy",
    "Copied", "Download", "Fullscreen", "Search", "Loading", "Please wait", "day", "month", "year", "yyyy",
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Previous",
    "Next", "Multiselect", "Selectbox", "Main menu", "App pages", "file upload", "Connection", "Settings",
    "Deploy", "Rerun", "Print", "Record", "About", "Theme", "Menu", "Shortcut", "Press Enter",
]) + r")\b")

# Text a person meets: visible text and accessible names, minus icon glyph names (material ligatures
# such as «upload_file», hidden from screen readers) and anything aria-hidden.
SCAN = """() => {
  const skip = (el) => el && el.closest('[aria-hidden="true"], [data-testid="stIconMaterial"]');
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.nodeValue.trim();
      if (text && !skip(node.parentElement) && node.parentElement.tagName !== 'STYLE'
          && node.parentElement.tagName !== 'SCRIPT') found.push(text);
    } else if (!skip(node)) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = node.getAttribute(name); if (value) found.push(`${name}=${value}`);
      }
    }
  }
  return found;
}"""

# Records English that stays on screen for a moment (status indicator, toasts, dialogs) during a visit.
RECORDER = """() => {
  window.__english = [];
  const pattern = new RegExp(%s);
  const check = (node) => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!el || !el.isConnected || el.closest('[aria-hidden="true"], [data-testid="stIconMaterial"], style, script')) return;
    const values = node.nodeType === Node.TEXT_NODE ? [node.nodeValue]
      : ['aria-label', 'title', 'placeholder'].map((a) => node.getAttribute(a)).filter(Boolean);
    for (const value of values) if (pattern.test(value)) window.__english.push(value);
  };
  new MutationObserver((mutations) => setTimeout(() => {
    for (const m of mutations) {
      if (m.type === 'characterData' || m.type === 'attributes') check(m.target);
      else m.addedNodes.forEach((n) => { check(n); if (n.querySelectorAll) n.querySelectorAll('*').forEach(check); });
    }
  }, 150)).observe(document.documentElement, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def english_on(page) -> list[str]:
    return sorted({text for text in page.evaluate(SCAN) if ENGLISH.search(text)})


@pytest.mark.parametrize("spec", site.PAGES, ids=[p.url for p in site.PAGES])
def test_no_english_on_any_page(sample_server, page, spec):
    open_spec(page, sample_server, spec)
    page.wait_for_timeout(1500)
    assert english_on(page) == []


def test_no_english_in_the_popups_of_the_filters_and_after_a_click(sample_server, page):
    page.add_init_script(f"window.addEventListener('DOMContentLoaded', {RECORDER % repr(ENGLISH.pattern)})")
    page.goto(f"{sample_server.url}/")  # recorded from the first element drawn: the translator comes with the page
    wait_ready(page)
    page.locator(".st-key-departamento input").click()
    page.keyboard.type("zzzz")  # no department matches
    page.get_by_text("Sin resultados").wait_for(timeout=10_000)
    assert english_on(page) == []
    page.keyboard.press("Escape")
    page.locator(".st-key-desde").get_by_label("Elegir fecha").click()  # the calendar of «Desde»
    popover = page.locator("[data-testid=stDateInputCalendar]")
    popover.wait_for(timeout=10_000)
    calendar = popover.inner_text()
    assert re.search(r"\b(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
                     r"diciembre)\b", calendar)
    assert english_on(page) == []
    page.keyboard.press("Escape")
    click_until(page, page.locator(".st-key-panel_ambitos .bars .point path").nth(1),
                "location.search.includes('ambito=')")
    page.get_by_text("Filtro aplicado").wait_for(timeout=30_000)
    wait_ready(page)
    assert english_on(page) == []
    page.get_by_role("link", name="Territorio").click()  # a page change shows the run indicator
    page.get_by_role("heading", name="Necesidades en el territorio").wait_for(timeout=30_000)
    wait_ready(page)
    assert page.evaluate("window.__english") == []


def test_the_calendar_speaks_spanish_even_in_a_browser_set_to_english(sample_server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US").new_page()
    page.goto(f"{sample_server.url}/")
    wait_ready(page)
    page.locator(".st-key-desde").get_by_label("Elegir fecha").click()
    popover = page.locator("[data-testid=stDateInputCalendar]")
    popover.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    assert popover.locator("thead th").all_inner_texts() == list("DLMMJVS")  # Sunday first, as en-US has it
    assert popover.get_by_role("button", name="mes", exact=True).count() == 1
    assert popover.get_by_role("button", name="año", exact=True).count() == 1
    names = popover.locator("[role=gridcell] [aria-label], td [aria-label]").evaluate_all(
        "cells => cells.map(c => c.getAttribute('aria-label'))")
    assert names and all(re.match(r"^(domingo|lunes|martes|miércoles|jueves|viernes|sábado), \d{1,2} de \w+ de \d{4}",
                                  name) for name in names), names[:3]
    assert "Use las flechas" in page.evaluate("document.getElementById("
                                              "document.querySelector('[data-testid=stDateInputCalendar]')"
                                              ".getAttribute('aria-describedby')).textContent")
    assert english_on(page) == []
    page.context.close()


def test_the_password_eye_and_the_uploaders_refusals_are_spanish(fresh_server, page):
    from analysis.store.database import Store
    Store(fresh_server.db_url).accounts.create("ana", "analista", "clave de ana 1", actor="prueba")
    page.goto(fresh_server.url)
    page.get_by_label("Contraseña", exact=True).fill("x")
    assert page.get_by_role("button", name="Mostrar la contraseña").count() == 1
    page.get_by_role("button", name="Mostrar la contraseña").click()
    page.get_by_role("button", name="Ocultar la contraseña").wait_for(timeout=5_000)
    assert english_on(page) == []
    # The uploader writes its refusals where the translator is watching; its file name stays as written.
    shown = page.evaluate("""async () => {
      const box = document.createElement('div');
      document.body.append(box);
      box.textContent = 'File must be 50.0MB or smaller.';
      const other = document.createElement('small');
      box.after(other);
      other.textContent = 'Show/hide columns';
      await new Promise(r => setTimeout(r, 100));
      return [box.textContent, other.textContent];
    }""")
    assert shown == ["El archivo debe pesar 50 MB o menos.", "Mostrar u ocultar columnas"]
