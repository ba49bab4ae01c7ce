/**
 * Taro's H5 components are custom elements that the keyboard skips; these props put one in the Tab order and let
 * Enter or Space activate it like a native button. The mini-program has no keyboard, so they do nothing there.
 */
export function keyboardActivatable(onActivate: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return {};
  return {
    tabIndex: 0,
    onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onActivate();
      }
    },
  };
}
