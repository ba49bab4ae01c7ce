// Child process for bench/stations.bench.mjs: builds the server's station index for N generated stations and
// prints the memory it took. Run with --expose-gc so the figures are after collection.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateStations } from './stations-data.mjs';
import { ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const { StationIndex } = require(join(ROOT, 'server/dist/modules/stations/station-index.js'));
const n = Number(process.argv[2]);
const mem = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, buffers: m.arrayBuffers };
};
const before = mem();
const index = new StationIndex();
const started = Date.now();
let id = 0;
for (const s of generateStations(n, 7)) index.upsert({ ...s, id: ++id, updatedAtMs: 1 });
const buildMs = Date.now() - started;
const after = mem();
const mb = (x) => Math.round((x / 1048576) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    stations: index.size,
    buildMs,
    heapMB: mb(after.heap - before.heap),
    typedArraysMB: mb(after.buffers - before.buffers),
    rssMB: mb(after.rss - before.rss),
    bytesPerStation: Math.round((after.heap - before.heap + after.buffers - before.buffers) / n),
  }),
);
