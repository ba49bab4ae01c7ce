// Draws the four tab bar icons as small PNGs with nothing but zlib (tab icons must be PNG, ≤ 40 KB each).
// Run: node scripts/generate-tab-icons.mjs  → src/assets/tab/*.png
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4;
const OUT = new URL('../src/assets/tab/', import.meta.url);

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return inCircle(x, y, cx, cy, r);
};

const shapes = {
  // House: roof and walls with a door cut out.
  stations: (x, y) => {
    const roof = y >= 0.14 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.14) * 1.15;
    const walls = inRect(x, y, 0.22, 0.46, 0.78, 0.86);
    const door = inRect(x, y, 0.42, 0.62, 0.58, 0.86);
    return (roof || walls) && !door;
  },
  // Camera: body, viewfinder bump, hollow lens.
  report: (x, y) => {
    const body = inRoundRect(x, y, 0.1, 0.3, 0.9, 0.82, 0.08);
    const bump = inRoundRect(x, y, 0.34, 0.2, 0.62, 0.34, 0.04);
    const lensHole = inCircle(x, y, 0.5, 0.56, 0.17) && !inCircle(x, y, 0.5, 0.56, 0.1);
    return (body || bump) && !lensHole;
  },
  // Coin: ring with a filled centre.
  points: (x, y) =>
    (inCircle(x, y, 0.5, 0.5, 0.4) && !inCircle(x, y, 0.5, 0.5, 0.32)) || inCircle(x, y, 0.5, 0.5, 0.17),
  // Person: head and shoulders.
  me: (x, y) => inCircle(x, y, 0.5, 0.32, 0.17) || (y <= 0.86 && ((x - 0.5) / 0.34) ** 2 + ((y - 0.9) / 0.34) ** 2 <= 1),
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(inside, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    raw[row] = 0;
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (inside((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
        }
      }
      const o = row + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, inside] of Object.entries(shapes)) {
  for (const [suffix, color] of [['', [0x99, 0x99, 0x99]], ['-active', [0xc8, 0x10, 0x2e]]]) {
    const file = new URL(`${name}${suffix}.png`, OUT);
    const data = png(inside, color);
    writeFileSync(file, data);
    console.log(`${name}${suffix}.png ${data.length} B`);
  }
}
