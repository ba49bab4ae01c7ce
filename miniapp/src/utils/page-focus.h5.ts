/**
 * Taro's H5 router shows each page in its own scrolling `<div class="taro_page">`. A scroll box that takes no
 * keyboard focus cannot be scrolled without a mouse (axe: scrollable-region-focusable), so every page container
 * gets tabindex="0" as the router adds it.
 */
export function makePagesFocusable(root: ParentNode = document): () => void {
  const mark = (el: Element) => {
    if (el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  };
  root.querySelectorAll('.taro_page').forEach(mark);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) m.addedNodes.forEach((n) => n instanceof Element && mark(n));
  });
  const target = root instanceof Document ? root.body : (root as Element);
  observer.observe(target, { childList: true, subtree: true });
  return () => observer.disconnect();
}
