import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

/** Bit 3: sizes and CRC follow the data (a data descriptor); bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const ZIP32_MAX = 0xffffffff;

export type ZipPart = string | Buffer;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS time and date, as the zip headers carry them (local time of the clock, 2-second steps). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Resolves once `out` takes more; rejects when it is closed or fails first (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
    };
    const onDrain = () => {
      off();
      resolve();
    };
    const onClose = () => {
      off();
      reject(new Error('the zip stream was closed before it was written'));
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/**
 * A zip written front to back onto a stream (deflated entries with data descriptors, no seeking), each entry read
 * from its source only as fast as `out` is read: the memory it holds is a chunk of the source, zlib's window and
 * `out`'s own buffer, whatever the archive's size. Entries and offsets stay below 4 GB (no Zip64).
 */
export class ZipStreamWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly stamp = dosTime(new Date());

  constructor(private readonly out: Writable) {}

  private async put(chunk: Buffer): Promise<void> {
    if (this.out.destroyed || this.out.writableEnded) throw new Error('the zip stream was closed before it was written');
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await drained(this.out);
  }

  /** Adds one entry, pulling `source` a part at a time while the deflated bytes go out. */
  async add(name: string, source: Iterable<ZipPart> | AsyncIterable<ZipPart>): Promise<void> {
    const entry: Written = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (offsets 14–25) stay 0 here: the data descriptor after the data carries them.
    header.writeUInt16LE(entry.name.length, 26);
    await this.put(Buffer.concat([header, entry.name]));
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const part of source) {
        const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
        if (!bytes.length) continue;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        yield bytes;
      }
    }
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        entry.compressed += chunk.length;
        this.put(chunk).then(() => done(), done);
      },
    });
    // highWaterMark 1: the source is asked for its next part only when zlib has taken the last one.
    await pipeline(Readable.from(counted(), { highWaterMark: 1 }), createDeflateRaw(), sink);
    if (entry.size > ZIP32_MAX || this.offset > ZIP32_MAX) throw new Error(`zip entry ${name} is past 4 GB`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.put(descriptor);
    this.written.push(entry);
  }

  /** Writes the central directory and ends `out`. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.written) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(VERSION, 4);
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // Extra field, comment, disk number, attributes (30–41): none.
      h.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    this.out.end();
  }
}
