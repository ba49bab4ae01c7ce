import 'reflect-metadata';
import { FIELD_LABELS, isChineseText } from '@xjy/shared';
import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');
/** Reports and points are being restructured elsewhere; their throws move to the catalogue when that lands. */
const NOT_YET_CONVERTED = /^(modules\/(reports|points)\/|common\/app\.exception\.ts$)/;
const ALLOWED_WORDS = new Set(['MB', 'JPEG', 'PNG', 'WebP', 'HEIC', 'QR', 'CSV', 'XLSX', 'UTF', 'gcj', 'wgs', 'active', 'suspended', 'multipart', 'form', 'data']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}
const files = sourceFiles(SRC)
  .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !NOT_YET_CONVERTED.test(f.path));

/** The text of a string literal or template, with interpolations blanked. */
const literal = (s: string) => s.slice(1, -1).replace(/\$\{[^}]*\}/g, '');
const STRING = String.raw`('(?:[^'\\]|\\.)*'|` + '`[^`]*`)';

describe('messages people can read from the server', () => {
  it('no throw outside reports/points uses the deprecated AppException(code, status, message) form', () => {
    const legacy = files.flatMap((f) => [...f.text.matchAll(/new AppException\('[a-z_]+', \d{3}/g)].map((m) => `${f.path}: ${m[0]}`));
    expect(legacy).toEqual([]);
  });

  it('every message written at a throw site, a field error or an import row error reads as Chinese', () => {
    const patterns = [
      new RegExp(String.raw`new AppException\([^;]*?,\s*` + STRING + String.raw`\s*\)`, 'g'),
      new RegExp(String.raw`fieldError\('[a-z_]+',\s*[^,]+,\s*` + STRING, 'g'),
      new RegExp(String.raw`(?:fileError|fail|err)\((?:'[a-z_]+',\s*)?` + STRING, 'g'),
      new RegExp(String.raw`message: ` + STRING, 'g'),
    ];
    const bad: string[] = [];
    let seen = 0;
    for (const f of files) {
      if (!/AppException|fieldError|validationFailed|StationImportRowError/.test(f.text)) continue;
      for (const re of patterns) {
        for (const m of f.text.matchAll(re)) {
          const text = literal(m[1]);
          if (!text.trim()) continue;
          seen++;
          const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
          if (!isChineseText(text) || words.length) bad.push(`${f.path}: ${m[1]}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });

  it('every field a request type validates has a Chinese label', async () => {
    for (const f of sourceFiles(join(SRC, 'modules')).filter((p) => /dto/.test(p))) await import(f);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Array<{ propertyName: string }>> };
    const names = new Set([...storage.validationMetadatas.values()].flat().map((m) => m.propertyName));
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((n) => !Object.prototype.hasOwnProperty.call(FIELD_LABELS, n)).sort()).toEqual([]);
  });
});
