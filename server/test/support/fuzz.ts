import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { DataSource } from 'typeorm';

/**
 * A schema-guided fuzzer of the HTTP API: requests are generated from the OpenAPI document (/api/docs-json) with
 * fast-check, mixing valid, boundary and invalid values, and every answer is checked against the API's contract:
 * no 5xx, every error is { code, message, details? } with X-Request-Id, every 2xx body matches its documented
 * schema, and a refused request (4xx) changed nothing in the database. Used by test/e2e/fuzz.e2e-spec.ts (short,
 * in npm test) and bench/fuzz.bench.mjs (long run).
 */

type Schema = Record<string, any>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  secured: boolean;
  parameters: Parameter[];
  jsonBody: Schema | null;
  multipart: boolean;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path' | 'secured' | 'parameters' | 'jsonBody' | 'multipart'> & { security?: unknown[]; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

export const FUZZ_ROLES = ['none', 'garbage', 'rider', 'streamer', 'staff', 'admin'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

export interface FuzzCase {
  op: number;
  /** Set when the case tries a method the path does not serve (expects 405). */
  method?: string;
  role: FuzzRole;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzBreak {
  kind: '5xx' | 'accepted_invalid' | 'error_body' | 'request_id' | 'schema' | 'undocumented_status' | 'changed_on_4xx' | 'network';
  request: string;
  status: number;
  detail: string;
}

export interface FuzzSummary {
  seed: number;
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: number;
  contractBreaks: number;
  breaks: FuzzBreak[];
  operations: number;
  seconds: number;
}

const ODD_IDS = ['0x1', '1e0', '00001', '+1', '1%20', '-1', '0', '1.0', '1.5', '99999999999999999999', 'abc', '%00', '1;1', 'NaN', 'Infinity', '2147483648', '9007199254740993'];
const ODD_STRINGS = ['', ' ', '\u0000', '<img src=x onerror=alert(1)>', "' OR 1=1 --", '𠮷野家🍜', 'a'.repeat(5000), '../../etc/passwd', '%s%n', '\u202e', 'null', 'true', '[]', '{}'];
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];
const CITY_POINTS = [
  [38.3426, 114.6817],
  [24.7318, 118.6526],
  [34.8253, 115.5408],
] as const;

/** A 1×1 PNG: a real photo for the upload path. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function resolveRef(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let out = s ?? {};
  for (let i = 0; i < 10 && out.$ref; i++) out = doc.components.schemas[String(out.$ref).split('/').pop()!] ?? {};
  if (out.allOf?.length === 1) return { ...resolveRef(doc, out.allOf[0]), nullable: out.nullable };
  return out;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        secured: Boolean(op.security?.length),
        parameters: op.parameters ?? [],
        jsonBody: content['application/json']?.schema ? resolveRef(doc, content['application/json'].schema) : null,
        multipart: Boolean(content['multipart/form-data']),
        responses: op.responses ?? {},
      });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

// ---------------------------------------------------------------------------------------------- values from schemas

const idLike = (name: string) => /(^id$|Id$)/.test(name);
const idsLike = (name: string) => /Ids$/.test(name);

function validValue(doc: OpenApiDoc, raw: Schema | undefined, name: string, depth: number): fc.Arbitrary<unknown> {
  const s = resolveRef(doc, raw);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.oneOf) return fc.oneof(...(s.oneOf as Schema[]).map((x) => validValue(doc, x, name, depth)));
  if (name === 'lat') return fc.constantFrom(...CITY_POINTS).chain(([lat]) => fc.double({ min: lat - 0.02, max: lat + 0.02, noNaN: true }));
  if (name === 'lng') return fc.constantFrom(...CITY_POINTS).chain(([, lng]) => fc.double({ min: lng - 0.02, max: lng + 0.02, noNaN: true }));
  if (name === 'quarter') return fc.constantFrom('2026Q4', '2026Q1', '2025Q3');
  if (name === 'bbox') return fc.constantFrom(...CITY_POINTS).map(([lat, lng]) => `${lng - 0.05},${lat - 0.05},${lng + 0.05},${lat + 0.05}`);
  if (/At$|^from$|^to$/.test(name) && (s.type === 'string' || !s.type)) {
    return fc.integer({ min: -5 * 86400, max: 30 * 86400 }).map((sec) => new Date(Date.now() + sec * 1000).toISOString());
  }
  switch (s.type) {
    case 'integer':
    case 'number': {
      if (idLike(name)) return fc.integer({ min: 1, max: 40 });
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : 1000;
      return s.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, 6);
      const item = idsLike(name) ? fc.integer({ min: 1, max: 40 }) : validValue(doc, s.items, name.replace(/s$/, ''), depth + 1);
      return fc.array(item, { minLength: Math.min(s.minItems ?? (name === 'mediaIds' ? 1 : 0), maxLength), maxLength });
    }
    case 'object':
      if (!s.properties || depth > 4) return fc.constant({});
      return objectOf(doc, s, depth, false);
    case 'string':
    default: {
      const maxLength = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 60);
      if (/phone/i.test(name)) return fc.constantFrom('13800138000', '0311-88001234', '15912345678');
      if (/open|close/.test(name)) return fc.constantFrom('08:00', '12:30', '00:00', '24:00', '23:59');
      if (name === 'key' || name === 'category') return fc.constantFrom('traffic', 'civility', 'hazard', 'road_damage', `k_${Date.now() % 1000}`);
      if (name === 'code' || name === 'username') return fc.stringMatching(/^[a-z][a-z0-9_]{3,20}$/);
      return fc.string({ minLength: 1, maxLength: Math.max(1, maxLength) });
    }
  }
}

function boundaryValue(doc: OpenApiDoc, raw: Schema | undefined, name: string): fc.Arbitrary<unknown> {
  const s = resolveRef(doc, raw);
  const edges: unknown[] = [];
  if (s.type === 'integer' || s.type === 'number') {
    for (const b of [s.minimum, s.maximum]) if (typeof b === 'number') edges.push(b, b - 1, b + 1, b - 0.5, b + 0.5);
    edges.push(0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE);
  } else if (s.type === 'string' || !s.type) {
    if (typeof s.maxLength === 'number') edges.push('x'.repeat(s.maxLength), 'x'.repeat(s.maxLength + 1), '字'.repeat(s.maxLength), '字'.repeat(s.maxLength + 1));
    edges.push(...ODD_STRINGS, '2026-02-30T25:61:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z');
  } else if (s.type === 'array') {
    edges.push([], new Array((s.maxItems ?? 10) + 1).fill(1), [null], [[]], new Array(3).fill(1));
  } else if (s.type === 'boolean') {
    edges.push('true', 0, 1);
  }
  if (s.enum) edges.push(String(s.enum[0]).toUpperCase(), `${String(s.enum[0])} `);
  return edges.length ? fc.constantFrom(...edges) : validValue(doc, raw, name, 0);
}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

function invalidValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant({}),
    fc.constant([]),
    fc.constant({ toString: 'x', valueOf: 1 }),
    fc.constantFrom(nested(30), [[[[[[1]]]]]]),
    fc.constantFrom(...ODD_STRINGS),
  );
}

function fieldValue(doc: OpenApiDoc, s: Schema | undefined, name: string, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: validValue(doc, s, name, depth) },
    { weight: 2, arbitrary: boundaryValue(doc, s, name) },
    { weight: 1, arbitrary: invalidValue() },
  );
}

function objectOf(doc: OpenApiDoc, s: Schema, depth: number, mutate: boolean): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries((s.properties ?? {}) as Record<string, Schema>);
  const required = new Set<string>(s.required ?? []);
  const fields = props.map(([name, ps]) =>
    fc.tuple(fc.constant(name), mutate ? fieldValue(doc, ps, name, depth + 1) : validValue(doc, ps, name, depth + 1), fc.integer({ min: 0, max: 9 })),
  );
  return fc.tuple(fc.tuple(...fields), mutate ? fc.integer({ min: 0, max: 19 }) : fc.constant(-1), fc.constantFrom(...PROTO_KEYS, 'unknownField', 'id', 'role')).map(([entries, extra, extraKey]) => {
    const out: Record<string, unknown> = {};
    for (const [name, value, coin] of entries) {
      // Required fields are almost always there; optional ones about half the time.
      const keep = required.has(name) ? !mutate || coin > 0 : coin >= 5;
      if (keep && value !== undefined) out[name] = value;
    }
    if (extra === 0) Object.defineProperty(out, extraKey, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

function queryString(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function rawBody(): fc.Arbitrary<string> {
  return fc.constantFrom(
    '',
    'null',
    '[]',
    '"x"',
    '1',
    '{',
    '{"a":1,}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":1}'.padEnd(200, ' '),
    `${'['.repeat(2000)}${']'.repeat(2000)}`,
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
    `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`,
    '\uFEFF{}',
    '{"a":"\\ud800"}',
  );
}

function multipartBody(): fc.Arbitrary<{ contentType: string; body: Buffer | string }> {
  const boundary = 'fuzzBoundary7MA4YWxk';
  const part = (name: string, filename: string, bytes: Buffer) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from('\r\n')]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  return fc.oneof(
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('file', 'a.png', TINY_PNG), end]) }),
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('file', 'a.csv', Buffer.from('code,name\n1,2\n')), end]) }),
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('file', 'a.png', TINY_PNG), part('file', 'b.png', TINY_PNG), end]) }),
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('photo', 'a.png', TINY_PNG), end]) }),
    fc.constant({ contentType: 'multipart/form-data', body: Buffer.concat([part('file', 'a.png', TINY_PNG), end]) }),
    fc.constant({ contentType: 'multipart/form-data; boundary=wrong', body: Buffer.concat([part('file', 'a.png', TINY_PNG), end]) }),
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('file', 'a.png', Buffer.alloc(0)), end]) }),
    fc.constant({ contentType: `multipart/form-data; boundary=${boundary}`, body: `--${boundary}\r\n` }),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part('file', 'x.bin', Buffer.from(bytes)), end]) })),
    fc.constant({ contentType: 'application/json', body: '{}' }),
  );
}

/** Every request of one operation: a role, path ids (odd ones too), query, headers and body. */
function caseOf(doc: OpenApiDoc, ops: Operation[], index: number, role: fc.Arbitrary<FuzzRole>): fc.Arbitrary<FuzzCase> {
  const op = ops[index];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const pathArb = fc.tuple(...pathParams.map(() => fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_IDS) }))).map((ids) => {
    let path = op.path;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, ids[i])));
    return path;
  });
  const queryArb = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.tuple(fc.integer({ min: 0, max: 9 }), fieldValue(doc, p.schema, p.name, 0)))),
      fc.integer({ min: 0, max: 14 }),
      fc.constantFrom(...PROTO_KEYS, 'unknown', 'id'),
    )
    .map(([values, extra, extraKey]) => {
      const pairs: string[] = [];
      queryParams.forEach((p, i) => {
        const [coin, value] = values[i];
        if ((p.required ? coin > 0 : coin >= 4) && value !== undefined) pairs.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(queryString(value))}`);
      });
      if (extra === 0) pairs.push(`${extraKey}=1`);
      if (extra === 1) pairs.push('%E0%A4%A=1');
      if (extra === 2 && pairs.length) pairs.push(pairs[0]);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  const headerArb = fc.tuple(...headerParams.map((p) => fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.constantFrom('', 'short', 'x'.repeat(100), 'bad key!')).map((v) => [p.name, v] as const)));
  const bodyArb: fc.Arbitrary<{ contentType?: string; body?: string | Buffer }> = op.multipart
    ? multipartBody()
    : op.jsonBody
      ? fc.oneof(
          { weight: 8, arbitrary: objectOf(doc, op.jsonBody, 0, true).map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })) },
          { weight: 4, arbitrary: objectOf(doc, op.jsonBody, 0, false).map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })) },
          { weight: 1, arbitrary: rawBody().map((b) => ({ contentType: 'application/json', body: b })) },
          { weight: 1, arbitrary: fc.constantFrom({ contentType: 'text/plain', body: 'x' }, { contentType: 'application/x-www-form-urlencoded', body: 'a=1' }, {}) },
        )
      : op.method === 'GET'
        ? fc.constant({})
        : fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: rawBody().map((b) => ({ contentType: 'application/json', body: b })) });
  const served = new Set(ops.filter((o) => o.path === op.path).map((o) => o.method));
  const unserved = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !served.has(m));
  const methodArb = unserved.length ? fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...unserved) }) : fc.constant(undefined);
  return fc.record({ role, path: pathArb, query: queryArb, headers: headerArb, body: bodyArb, method: methodArb }).map(({ role: r, path, query, headers, body, method }) => ({
    op: index,
    ...(method ? { method } : {}),
    role: r,
    path,
    query,
    headers: { ...Object.fromEntries(headers), ...(body.contentType ? { 'content-type': body.contentType } : {}) },
    body: body.body,
  }));
}

// ------------------------------------------------------------------------------------------- response validation

/** OpenAPI 3.0 schemas as JSON Schema for Ajv: nullable as a null alternative, objects closed to undocumented fields. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const src = s as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'example') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, toJsonSchema(ps)])) : toJsonSchema(v);
  }
  if (out.$ref) out.$ref = `openapi.json${String(out.$ref)}`;
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return src.nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

export function responseValidators(doc: OpenApiDoc): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: { schemas: toJsonSchema(doc.components.schemas) } });
  const cache = new Map<string, ValidateFunction>();
  return (schema) => {
    const key = JSON.stringify(schema);
    let v = cache.get(key);
    if (!v) cache.set(key, (v = ajv.compile(toJsonSchema(schema) as object)));
    return v;
  };
}

// ----------------------------------------------------------------------------------------------- DB fingerprint

/** Row counts, highest ids and latest updatedAt of every table: cheap, and moves on any insert, delete or stamped update. */
export function fingerprinter(ds: DataSource): () => Promise<string> {
  const q = (name: string) => ds.driver.escape(name);
  const parts = ds.entityMetadatas.map((m) => {
    const updated = m.columns.find((c) => c.propertyName === 'updatedAt');
    const pk = m.primaryColumns.length === 1 ? m.primaryColumns[0] : null;
    return `SELECT '${m.tableName}' AS t, COUNT(*) AS n, ${pk ? `MAX(${q(pk.databaseName)})` : 'NULL'} AS k, ${updated ? `MAX(${q(updated.databaseName)})` : 'NULL'} AS u FROM ${q(m.tableName)}`;
  });
  const sql = parts.join(' UNION ALL ');
  return async () => {
    const rows = (await ds.query(sql)) as Array<{ t: string; n: unknown; k: unknown; u: unknown }>;
    return rows.map((r) => `${r.t}:${String(r.n)}:${String(r.k)}:${r.u instanceof Date ? r.u.toISOString() : String(r.u)}`).join('|');
  };
}

// ------------------------------------------------------------------------------------------------------ the run

export interface FuzzTarget {
  baseUrl: string;
  ds: DataSource;
  /** A fresh token for a demo account (called again when one stops working). */
  login: (role: Exclude<FuzzRole, 'none' | 'garbage'>) => Promise<string>;
}

export interface FuzzOptions {
  seed: number;
  /** Stop after this many requests... */
  maxRequests: number;
  /** ...or after this many seconds, whichever comes first. */
  maxSeconds: number;
  /** Requests in flight at once; above 1, "changed nothing" is checked per batch whose every write was refused. */
  concurrency?: number;
}

const ERROR_CODE = /^[a-z][a-z0-9_]*$/;
/** A refused check-in is kept with its reason by design (422 with the reason as the code). */
const RECORDS_ON_REFUSAL = new Set(['ActivitiesController_checkIn']);

export async function fuzz(doc: OpenApiDoc, target: FuzzTarget, options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const ops = operationsOf(doc);
  const validator = responseValidators(doc);
  const fingerprint = fingerprinter(target.ds);
  const tokens = new Map<FuzzRole, string>();
  const tokenOf = async (role: FuzzRole): Promise<string | null> => {
    if (role === 'none') return null;
    if (role === 'garbage') return 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.AAAA';
    let t = tokens.get(role);
    if (!t) tokens.set(role, (t = await target.login(role)));
    return t;
  };
  const summary: FuzzSummary = { seed: options.seed, requests: 0, byStatus: {}, fiveXx: 0, contractBreaks: 0, breaks: [], operations: ops.length, seconds: 0 };
  const fail = (b: FuzzBreak) => {
    if (b.kind === '5xx') summary.fiveXx++;
    else summary.contractBreaks++;
    if (summary.breaks.length < 200) summary.breaks.push(b);
  };

  // First every operation × every role once (coverage), then random cases until the budget is spent.
  const roleArb = fc.constantFrom(...FUZZ_ROLES);
  const sweep: FuzzCase[] = [];
  ops.forEach((_, i) => {
    FUZZ_ROLES.forEach((role, j) => sweep.push(fc.sample(caseOf(doc, ops, i, fc.constant(role)), { seed: options.seed + i * 31 + j, numRuns: 1 })[0]));
  });
  const anyCase = fc.oneof(...ops.map((_, i) => caseOf(doc, ops, i, roleArb)));
  let chunk = 0;
  const nextCases = () => fc.sample(anyCase, { seed: options.seed + 1_000_003 * ++chunk, numRuns: 500 });
  interface Sent {
    method: string;
    operationId: string;
    request: string;
    status: number;
  }
  const send = async (c: FuzzCase): Promise<Sent> => {
    const op = c.method ? { ...ops[c.op], method: c.method, operationId: `${c.method} ${ops[c.op].path} (not served)`, responses: {}, jsonBody: null } : ops[c.op];
    const token = await tokenOf(c.role);
    const headers: Record<string, string> = { ...c.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = `${op.method} ${c.path}${c.query} as ${c.role}${c.body !== undefined ? ` body ${String(c.body).slice(0, 300)}` : ''}`;
    const sent: Sent = { method: op.method, operationId: op.operationId, request, status: 0 };
    let text = '';
    let res: Response;
    try {
      const body = op.method === 'GET' ? undefined : c.body;
      res = await fetch(`${target.baseUrl}${c.path}${c.query}`, { method: op.method, headers, body, signal: AbortSignal.timeout(30_000) });
      sent.status = res.status;
      text = /spreadsheet|image/.test(res.headers.get('content-type') ?? '') ? String((await res.arrayBuffer()).byteLength) : await res.text();
    } catch (e) {
      summary.requests++;
      fail({ kind: 'network', request, status: 0, detail: String((e as Error).message) });
      return sent;
    }
    const status = res.status;
    summary.requests++;
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
    if (!res.headers.get('x-request-id')) fail({ kind: 'request_id', request, status, detail: 'no X-Request-Id' });
    if (status >= 500) fail({ kind: '5xx', request, status, detail: text.slice(0, 300) });

    if (status >= 400) {
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        /* checked below */
      }
      const b = body as Record<string, unknown> | null;
      const ok =
        b !== null &&
        typeof b === 'object' &&
        !Array.isArray(b) &&
        typeof b.code === 'string' &&
        ERROR_CODE.test(b.code) &&
        typeof b.message === 'string' &&
        b.message.length > 0 &&
        Object.keys(b).every((k) => k === 'code' || k === 'message' || k === 'details') &&
        (b.details === undefined || (typeof b.details === 'object' && b.details !== null && !Array.isArray(b.details)));
      if (!ok) fail({ kind: 'error_body', request, status, detail: text.slice(0, 300) });
      if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) fail({ kind: 'error_body', request, status, detail: `content-type ${res.headers.get('content-type')}` });
      // Statuses any request may meet whatever the operation (framework limits) need not be listed on each one.
      // A method the path does not serve may still match a parametrized route (PATCH /stations/export.xlsx is
      // PATCH /stations/{id}), so only the contract of its error is checked.
      if (status < 500 && !c.method && !op.responses[String(status)] && ![405, 408, 413, 414, 415, 431].includes(status)) {
        fail({ kind: 'undocumented_status', request, status, detail: `${op.operationId} does not document ${status}: ${text.slice(0, 200)}` });
      }
      if (status === 401 && c.role !== 'none' && c.role !== 'garbage') tokens.delete(c.role);
    } else if (status >= 200 && status < 300) {
      const documented = op.responses[String(status)];
      if (!documented) {
        fail({ kind: 'undocumented_status', request, status, detail: `${op.operationId} does not document ${status}` });
      } else if (status !== 204) {
        const json = documented.content?.['application/json']?.schema;
        if (json) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = Symbol('not json');
          }
          const validate = validator(json);
          if (typeof parsed === 'symbol' || !validate(parsed)) {
            fail({ kind: 'schema', request, status, detail: `${JSON.stringify(validate.errors?.slice(0, 3))} in ${text.slice(0, 300)}` });
          }
        } else {
          const type = res.headers.get('content-type') ?? '';
          if (!Object.keys(documented.content ?? {}).some((t) => type.startsWith(t))) fail({ kind: 'schema', request, status, detail: `content-type ${type} not documented` });
        }
      }
      // The other direction: a JSON body the documented request schema refuses must not be accepted either
      // (an unknown or inherited field name, null where no null is allowed, a wrong type).
      if (op.jsonBody && typeof c.body === 'string' && /json/.test(c.headers['content-type'] ?? '')) {
        let sentBody: unknown;
        try {
          // A leading byte-order mark is ignored, as RFC 8259 allows and the server's parser does.
          sentBody = JSON.parse(c.body.replace(/^\uFEFF/, ''));
        } catch {
          sentBody = Symbol('not json');
        }
        const validate = validator(op.jsonBody);
        if (typeof sentBody === 'symbol' || !validate(sentBody)) {
          fail({ kind: 'accepted_invalid', request, status, detail: `${JSON.stringify(validate.errors?.slice(0, 3))}` });
        }
      }
      // Undo what would starve the rest of the run: a demo account disabled by the admin.
      // The admin may have disabled itself; then nobody can enable it through the API, so the row is put back.
      if (/\/disable$/.test(c.path) && op.method === 'POST') {
        const id = Number(c.path.split('/').at(-2));
        await target.ds.createQueryBuilder().update('user').set({ disabledAt: null }).where('id = :id', { id }).execute();
        tokens.clear();
      }
    }
    return sent;
  };

  let before = await fingerprint();
  let queue = sweep;
  // The sweep always completes, whatever the budget: it is what guarantees every operation × role was tried.
  const sweepSize = sweep.length;
  const outOfBudget = () => summary.requests >= sweepSize && (summary.requests >= options.maxRequests || Date.now() - started > options.maxSeconds * 1000);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  while (!outOfBudget()) {
    const batch: FuzzCase[] = [];
    while (batch.length < concurrency) {
      if (!queue.length) queue = nextCases();
      if (queue !== sweep && summary.requests + batch.length >= options.maxRequests) break;
      batch.push(queue.shift()!);
    }
    if (!batch.length) break;
    const results = await Promise.all(batch.map((c) => send(c)));
    const writes = results.filter((r) => r.method !== 'GET');
    if (writes.length) {
      const after = await fingerprint();
      // Only a batch whose every write was refused can be held to "changed nothing"; with one request at a time
      // (npm test) that is every refused write.
      const refused = writes.every((r) => r.status >= 400 && r.status < 500 && !(r.status === 422 && RECORDS_ON_REFUSAL.has(r.operationId)));
      if (refused && after !== before) {
        fail({ kind: 'changed_on_4xx', request: writes.map((r) => r.request).join(' || '), status: writes[0].status, detail: diffFingerprint(before, after) });
      }
      before = after;
    }
  }
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}

function diffFingerprint(a: string, b: string): string {
  const left = a.split('|');
  const right = b.split('|');
  return right.filter((x, i) => x !== left[i]).join(' ');
}
