/**
 * Leaflet writes a string given to `bindTooltip`, `bindPopup`, `setContent` or `divIcon({ html })` as HTML, so a
 * station named `<img src=x onerror=…>` would run script in every viewer's browser. Every map label goes in as a
 * node built here instead: its text is set with `textContent` and is never parsed.
 */
export function mapText(text: string, className?: string): HTMLElement {
  const el = document.createElement('span');
  if (className) el.className = className;
  el.textContent = text;
  return el;
}
