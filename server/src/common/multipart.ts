import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppException, badRequest } from './app.exception';

export interface SingleFileOptions {
  /** The form field that carries the file. */
  field: string;
  maxBytes: number;
  /** Plain (non-file) fields the form may also carry; any other field is refused. */
  allowedFields?: readonly string[];
  /** What the file is, for the people reading the messages ("照片", "文件"). */
  label: string;
}

export interface SingleFile {
  bytes: Buffer;
  filename: string;
  mimetype: string;
  fields: Record<string, string>;
}

const code = (e: unknown) => (e as { code?: unknown })?.code;

/**
 * Reads a multipart/form-data body that must hold exactly one file under `field`, buffering at most `maxBytes`.
 * Every malformed form is refused with a stable code and changes nothing: not multipart → 415
 * unsupported_media_type; too big → 413 payload_too_large; no boundary, no file, a second file, a file under another
 * name, or a field not in `allowedFields` → 400 validation_failed naming the field.
 */
export async function readSingleFile(req: FastifyRequest, options: SingleFileOptions): Promise<SingleFile> {
  const { field, maxBytes, label } = options;
  const allowed = options.allowedFields ?? [];
  const tooLarge = () => new AppException('payload_too_large', 413, `${label}不能超过 ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`, { maxBytes });
  if (!req.isMultipart()) throw new AppException('unsupported_media_type', 415, `请以 multipart/form-data 上传${label}`);
  let file: { bytes: Buffer; filename: string; mimetype: string } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: allowed.length, parts: 1 + allowed.length } })) {
      if (part.type === 'file') {
        if (part.fieldname !== field) {
          part.file.resume();
          throw badRequest('validation_failed', `${label}应放在表单字段 ${field} 中`, field);
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge();
        file = { bytes, filename: part.filename, mimetype: part.mimetype };
      } else {
        if (!allowed.includes(part.fieldname)) throw badRequest('validation_failed', `表单中不应有字段 ${part.fieldname}`, part.fieldname);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    if (e instanceof AppException) throw e;
    switch (code(e)) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw tooLarge();
      case 'FST_FILES_LIMIT':
        throw badRequest('validation_failed', `一次只能上传一个${label}`, field);
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        throw badRequest('validation_failed', `表单字段过多，只需 ${[field, ...allowed].join('、')}`, field);
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppException('unsupported_media_type', 415, `请以 multipart/form-data 上传${label}`);
      case 'FST_PROTO_VIOLATION':
        throw badRequest('validation_failed', '表单字段名无效', field);
    }
    // busboy's own parse errors (no boundary, a body that ends mid-part) are the client's malformed form.
    if (e instanceof Error && /^(Multipart: |Unexpected end of (form|multipart data)|Malformed part header)/i.test(e.message)) {
      throw badRequest('validation_failed', `无法解析上传的表单：${e.message}`, field);
    }
    throw e;
  }
  if (!file) throw badRequest('validation_failed', `缺少${label}（表单字段 ${field}）`, field);
  return { ...file, fields };
}
