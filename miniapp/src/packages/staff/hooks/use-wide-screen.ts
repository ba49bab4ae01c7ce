import { useEffect, useState } from 'react';

/** From this width (CSS px) staff pages lay out as a desktop console: tables, filters in a row, bulk actions. */
export const CONSOLE_MIN_WIDTH_PX = 1024;

function consoleQuery(): MediaQueryList | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || typeof window.matchMedia !== 'function') return null;
  return window.matchMedia(`(min-width: ${CONSOLE_MIN_WIDTH_PX}px)`);
}

/** True on an H5 screen at least CONSOLE_MIN_WIDTH_PX wide; always false in the mini-program. Follows resizes. */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => consoleQuery()?.matches ?? false);
  useEffect(() => {
    const query = consoleQuery();
    if (!query) return undefined;
    const update = () => setWide(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return wide;
}
