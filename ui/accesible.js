// A chart is a picture to a screen reader: ui/panels.py writes each chart's title and takeaway in a visually
// hidden paragraph (.nombre-grafica) at the top of the chart's container; this script, which ui/server.py puts
// in the head of the page, makes the chart a named figure with that text (read once: the paragraph itself is
// then hidden from screen readers).
(() => {
  if (window.__tableroGraficas) return;
  window.__tableroGraficas = true;
  const name = () => {
    for (const text of document.querySelectorAll(".nombre-grafica")) {
      const box = text.closest('[class*="st-key-grafica_"]');
      const chart = box && box.querySelector('[data-testid="stPlotlyChart"]');
      if (!chart) continue;
      const label = text.textContent.trim();
      if (chart.getAttribute("aria-label") !== label) {
        chart.setAttribute("role", "figure");
        chart.setAttribute("aria-label", label);
      }
      text.setAttribute("aria-hidden", "true");
    }
  };
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; name(); });
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
