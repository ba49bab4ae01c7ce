/** Characters XML 1.0 cannot carry (control characters other than tab, newline and carriage return; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text as XML character data or an attribute value: escaped, and characters XML cannot carry dropped. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/[<>&'"]/g, (c) => ENTITY[c]);
}
