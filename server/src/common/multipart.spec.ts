import fastifyMultipart from '@fastify/multipart';
import Fastify, { FastifyInstance } from 'fastify';
import { AppException } from './app.exception';
import { readSingleFile } from './multipart';

const BOUNDARY = 'xjy-test-boundary';
type Part = { name: string; filename?: string; body: string | Buffer };
const form = (parts: Part[], boundary = BOUNDARY) =>
  Buffer.concat([
    ...parts.map((p) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: image/jpeg` : ''}\r\n\r\n`),
        Buffer.from(p.body),
        Buffer.from('\r\n'),
      ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

describe(readSingleFile.name, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    // The app's own registration: a global files/fields limit that the helper narrows per route.
    await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
    app.post('/upload', async (req, reply) => {
      try {
        const f = await readSingleFile(req, { field: 'file', maxBytes: 1000, allowedFields: ['note'], label: '照片' });
        return { size: f.bytes.length, filename: f.filename, fields: f.fields };
      } catch (e) {
        if (!(e instanceof AppException)) throw e;
        return reply.status(e.status).send({ code: e.code, message: e.message, details: e.details });
      }
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (payload: Buffer | string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': contentType }, payload });

  it('reads one file under the expected field, with the allowed plain fields', async () => {
    const r = await post(form([{ name: 'note', body: '井盖' }, { name: 'file', filename: 'a.jpg', body: 'abc' }]));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ size: 3, filename: 'a.jpg', fields: { note: '井盖' } });
  });

  it('refuses a body that is not multipart with 415', async () => {
    const r = await post(JSON.stringify({ file: 'x' }), 'application/json');
    expect([r.statusCode, r.json().code]).toEqual([415, 'unsupported_media_type']);
  });

  it('refuses multipart without a boundary with 400, not a 500', async () => {
    const r = await post(form([{ name: 'file', filename: 'a.jpg', body: 'abc' }]), 'multipart/form-data');
    expect([r.statusCode, r.json().code]).toEqual([400, 'validation_failed']);
  });

  it('refuses a body whose parts do not use the declared boundary with 400', async () => {
    const r = await post(form([{ name: 'file', filename: 'a.jpg', body: 'abc' }], 'other-boundary'));
    expect([r.statusCode, r.json().code]).toEqual([400, 'validation_failed']);
  });

  it('refuses two files with 400 naming the file field', async () => {
    const r = await post(form([{ name: 'file', filename: 'a.jpg', body: 'a' }, { name: 'file', filename: 'b.jpg', body: 'b' }]));
    expect([r.statusCode, r.json().code, r.json().details.fields[0].field]).toEqual([400, 'validation_failed', 'file']);
  });

  it('refuses a file under another field name with 400', async () => {
    const r = await post(form([{ name: 'photo', filename: 'a.jpg', body: 'abc' }]));
    expect([r.statusCode, r.json().code, r.json().details.fields[0].field]).toEqual([400, 'validation_failed', 'file']);
  });

  it('refuses a field it does not know, and too many fields, with 400', async () => {
    const unknown = await post(form([{ name: 'evil', body: 'x' }, { name: 'file', filename: 'a.jpg', body: 'abc' }]));
    expect([unknown.statusCode, unknown.json().code, unknown.json().details.fields[0].field]).toEqual([400, 'validation_failed', 'evil']);
    const many = await post(form([{ name: 'note', body: '1' }, { name: 'note', body: '2' }, { name: 'file', filename: 'a.jpg', body: 'abc' }]));
    expect([many.statusCode, many.json().code]).toEqual([400, 'validation_failed']);
  });

  it('refuses a form without a file with 400', async () => {
    const r = await post(form([{ name: 'note', body: 'x' }]));
    expect([r.statusCode, r.json().code, r.json().details.fields[0].field]).toEqual([400, 'validation_failed', 'file']);
  });

  it('refuses a file over maxBytes with 413 and says the limit', async () => {
    const r = await post(form([{ name: 'file', filename: 'a.jpg', body: Buffer.alloc(1001, 1) }]));
    expect([r.statusCode, r.json().code, r.json().details]).toEqual([413, 'payload_too_large', { maxBytes: 1000 }]);
  });
});
