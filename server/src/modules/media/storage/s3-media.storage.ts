import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import type { S3Config } from '../../../config/app.config';
import { assertSafeKey, MediaStorage } from './media-storage';

export type S3Settings = S3Config;

const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Test seams only: production uses the SDK's own agents and DNS. */
export interface S3TransportOptions {
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

const isMissing = (e: unknown) => e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404);

/**
 * Photos in an S3-compatible bucket (AWS, COS, OSS, MinIO) through the maintained AWS SDK v3: SigV4 signing,
 * virtual-hosted or path-style addressing, STS session tokens and retries with exponential backoff are the SDK's.
 */
export class S3MediaStorage implements MediaStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(
    private readonly s3: S3Settings,
    transport: S3TransportOptions = {},
  ) {
    this.client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, ...(s3.sessionToken ? { sessionToken: s3.sessionToken } : {}) },
      maxAttempts: s3.maxAttempts,
      // Since 3.729 the SDK adds CRC32 checksum headers to every upload by default; several S3-compatible stores
      // (older COS/OSS gateways, MinIO releases, s3rver) refuse or mis-sign them. Send them only where S3 requires.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: CONNECT_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        ...(transport.httpAgent ? { httpAgent: transport.httpAgent } : {}),
        ...(transport.httpsAgent ? { httpsAgent: transport.httpsAgent } : {}),
      },
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertSafeKey(key);
    await this.client.send(new PutObjectCommand({ Bucket: this.s3.bucket, Key: key, Body: body, ContentType: contentType, ContentLength: body.length }));
  }

  /** The object's bytes as they arrive, without holding them all in memory; null when there is no such object. */
  async getStream(key: string): Promise<Readable | null> {
    assertSafeKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: key }));
      return out.Body instanceof Readable ? out.Body : Readable.from(Buffer.from((await out.Body?.transformToByteArray()) ?? []));
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const stream = await this.getStream(key);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key }));
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
  }

  /** Closes the SDK's pooled keep-alive sockets, so a draining instance does not hold them open. */
  destroy(): void {
    this.client.destroy();
  }

  /** Nest calls this on app.close() (the storage is a factory-made provider). */
  onApplicationShutdown(): void {
    this.destroy();
  }
}
