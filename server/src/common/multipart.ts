import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppException, fieldError } from './app.exception';

/**
 * The one file of a multipart upload, under `field`, and nothing else: a second file, a file under another
 * name or any other part is refused (400), as is a body that is not well-formed multipart (no or a wrong
 * boundary, cut short). A file over `maxBytes` is 413 payload_too_large.
 */
export async function readSingleFile(req: FastifyRequest, field: string, maxBytes: number): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppException('unsupported_media_type', undefined, '请以 multipart/form-data 格式上传文件');
  const tooLarge = () => new AppException('payload_too_large', { maxBytes });
  let bytes: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 2, fields: 4, parts: 4 } })) {
      if (part.type !== 'file' || part.fieldname !== field) {
        throw new AppException('multipart_unexpected_field', { fields: [{ field: part.fieldname, message: '上传内容中含有不支持的字段' }] });
      }
      if (bytes) throw new AppException('multipart_too_many_files');
      bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    }
  } catch (e) {
    if (e instanceof AppException) throw e;
    const code = (e as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppException('multipart_too_many_files');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppException('multipart_too_many_fields');
    if (code === 'FST_PROTO_VIOLATION') throw new AppException('multipart_unexpected_field');
    // busboy's own errors (no boundary, malformed or truncated parts) carry no code of Fastify's.
    throw new AppException('multipart_invalid');
  }
  if (!bytes) throw fieldError('validation_failed', field, '请选择要上传的文件');
  if (!bytes.length) throw fieldError('validation_failed', field, '上传的文件是空的');
  return bytes;
}
