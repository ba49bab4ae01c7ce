// Taro's H5 sizes are rem (pxtransform, design width 750, device ratio 1): the root font size follows the screen,
// 40 px per 750 design px, kept within 20–40 px. Taro's page template sets it from an inline <script>, which a
// Content-Security-Policy without 'unsafe-inline' refuses, so the app bundle does it before the first render.
const ROOT_PX_PER_DESIGN_WIDTH = 40 / 750;
const MIN_ROOT_PX = 20;
const MAX_ROOT_PX = 40;

export function rootFontSizePx(width: number, height: number): number {
  const sides = [width, height].filter(Boolean);
  const x = ROOT_PX_PER_DESIGN_WIDTH * Math.min(...sides);
  return Math.min(MAX_ROOT_PX, Math.max(MIN_ROOT_PX, x));
}

export function fitRootFontSize(): void {
  const fit = (first = false) => {
    const root = document.documentElement;
    const { width, height } = root.getBoundingClientRect();
    // Taro's script ran in <head>, before the page had any height, so its first size came from the width alone.
    root.style.fontSize = `${rootFontSizePx(width, first ? 0 : height)}px`;
  };
  fit(true);
  // Some browsers report the final size a moment after the event (rotation, keyboard).
  window.addEventListener('resize', () => {
    fit();
    setTimeout(fit, 500);
  });
}
