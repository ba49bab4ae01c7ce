import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { ZipStreamWriter } from './zip-stream';

const collect = async (s: PassThrough) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/** The entries of a zip as its central directory lists them, each inflated from where its local header says. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(p + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(zip.subarray(data, data + compressed)));
    p += 46 + nameLength;
  }
  return out;
}

describe(ZipStreamWriter.name, () => {
  it('writes entries another reader inflates back byte for byte, names in UTF-8', async () => {
    const out = new PassThrough();
    const done = collect(out);
    const zip = new ZipStreamWriter(out);
    const big = randomBytes(300_000);
    await zip.add('a.txt', ['hello ', Buffer.from('world')]);
    await zip.add('目录/表.bin', (async function* () {
      for (let i = 0; i < big.length; i += 65536) yield big.subarray(i, i + 65536);
    })());
    await zip.add('empty', []);
    await zip.finish();
    const entries = unzip(await done);
    expect([...entries.keys()]).toEqual(['a.txt', '目录/表.bin', 'empty']);
    expect(entries.get('a.txt')!.toString()).toBe('hello world');
    expect(entries.get('目录/表.bin')!.equals(big)).toBe(true);
    expect(entries.get('empty')!.length).toBe(0);
  });

  const PARTS = 200;
  function counting() {
    const counter = { pulled: 0 };
    async function* incompressible() {
      for (let i = 0; i < PARTS; i++) {
        counter.pulled++;
        yield randomBytes(65536);
      }
    }
    return { counter, source: incompressible() };
  }
  const until = async (cond: () => boolean) => {
    while (!cond()) await new Promise((r) => setTimeout(r, 5));
  };

  it('pulls its source only as fast as the reader takes the zip', async () => {
    const out = new PassThrough();
    const zip = new ZipStreamWriter(out);
    const { counter, source } = counting();
    const adding = zip.add('big.bin', source);
    // Nobody reads `out` yet: once it is full, a few parts sit in zlib and the streams, and no more are asked for.
    await until(() => out.writableNeedDrain);
    await new Promise((r) => setTimeout(r, 50));
    const stalled = counter.pulled;
    expect(stalled).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 50));
    expect(counter.pulled).toBe(stalled);
    const read = collect(out);
    await adding;
    await zip.finish();
    expect(counter.pulled).toBe(PARTS);
    expect(unzip(await read).get('big.bin')!.length).toBe(PARTS * 65536);
  });

  it('stops, failing, when the reader goes away', async () => {
    const out = new PassThrough();
    const zip = new ZipStreamWriter(out);
    const { counter, source } = counting();
    const adding = zip.add('big.bin', source).then(() => null, (e: Error) => e.message);
    await until(() => out.writableNeedDrain);
    out.destroy();
    expect(await adding).toMatch(/closed/);
    expect(counter.pulled).toBeLessThan(10);
    await expect(zip.add('next', ['x'])).rejects.toThrow(/closed/);
  });
});
