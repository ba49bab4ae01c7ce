/** Mini-program pages scroll natively: nothing to do. */
export function makePagesFocusable(): () => void {
  return () => undefined;
}
