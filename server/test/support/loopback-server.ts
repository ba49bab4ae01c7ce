import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on a free loopback port for the fakes of outside services; subclasses answer requests. */
export abstract class LoopbackServer {
  private server: Server | null = null;

  /** http://127.0.0.1:<port> once started. */
  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error(`${this.constructor.name} is not started`);
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    // Clients pool keep-alive sockets (the S3 SDK does); close them, or close() waits for their idle timeout.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
