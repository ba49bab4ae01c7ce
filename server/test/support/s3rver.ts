import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * s3rver (from npm, not written here) on loopback: a real S3 protocol implementation (XML errors, NoSuchKey,
 * virtual-hosted and path-style routing). It checks the access key but not V4 signatures; FakeS3 checks those.
 */
export class RealS3 {
  readonly bucket = 'xjy-media';
  /** s3rver's built-in account. */
  readonly accessKeyId = 'S3RVER';
  readonly secretAccessKey = 'S3RVER';
  readonly region = 'us-east-1';
  private server: S3rver | null = null;
  private directory = '';
  private port = 0;

  async start(): Promise<this> {
    this.directory = await mkdtemp(join(tmpdir(), 'xjy-s3rver-'));
    // serviceEndpoint "localhost" makes s3rver read `<bucket>.s3.localhost` as a virtual-hosted request.
    this.server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.directory, serviceEndpoint: 'localhost', configureBuckets: [{ name: this.bucket }] });
    this.port = (await this.server.run()).port;
    return this;
  }

  /** Where s3rver keeps the objects on disk (a test can see what landed). */
  get directoryPath(): string {
    return this.directory;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** For virtual-hosted requests: the SDK sends them to `<bucket>.s3.localhost`, which `loopbackDnsAgent` resolves. */
  get vhostEndpoint(): string {
    return `http://s3.localhost:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server?.httpServer.closeAllConnections();
    await this.server?.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}

/**
 * An HTTP agent that resolves every `*.localhost` name to 127.0.0.1. Virtual-hosted S3 puts the bucket in the host
 * name; the system resolver here (glibc, Node 20) does not resolve subdomains of localhost, so without this the
 * test could only use path-style.
 */
export function loopbackDnsAgent(): Agent {
  const lookup = (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    if (!hostname.endsWith('.localhost')) return dnsLookup(hostname, options, callback as never);
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };
  return new Agent({ keepAlive: true, lookup } as never);
}
