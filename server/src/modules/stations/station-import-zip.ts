import { inflateRawSync } from 'node:zlib';

/** What an XLSX may unpack to before any of it is parsed: a 5,000-row station sheet is well under a megabyte. */
export const XLSX_LIMITS = {
  /** An XLSX holds about a dozen parts; thousands is a file built to exhaust the reader. */
  entriesMax: 200,
  totalUncompressedMax: 64 * 1024 * 1024,
  /** Any one part, the sheet XML included. */
  entryUncompressedMax: 32 * 1024 * 1024,
  /** XML compresses 5–20×; far past that is a bomb. Checked only for parts above ratioFloorBytes. */
  ratioMax: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/** Why a ZIP was refused: `too_large` (413) for sizes past the limits, `unsafe` (400) for everything else. */
export class ZipRefusedError extends Error {
  constructor(
    readonly kind: 'too_large' | 'unsafe',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ZipRefusedError';
  }
}

const EOCD_SIG = 0x06054b50;
const CDFH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

/** The central directory's entries, read from the end-of-central-directory record; nothing is decompressed. */
export function readZipDirectory(b: Buffer): ZipEntryInfo[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusedError('unsafe', 'no ZIP central directory');
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  // ZIP64 markers: sizes past 4 GB have no place in a station sheet.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipRefusedError('unsafe', 'ZIP64 archives are not accepted');
  if (count > XLSX_LIMITS.entriesMax) throw new ZipRefusedError('unsafe', `the workbook has ${count} parts`, { entries: count, entriesMax: XLSX_LIMITS.entriesMax });
  if (cdOffset + cdSize > eocd) throw new ZipRefusedError('unsafe', 'the ZIP central directory lies outside the file');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== CDFH_SIG) throw new ZipRefusedError('unsafe', 'the ZIP central directory is damaged');
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const entry: ZipEntryInfo = {
      method: b.readUInt16LE(p + 10),
      compressed: b.readUInt32LE(p + 20),
      uncompressed: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
      name: b.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipRefusedError('unsafe', 'ZIP64 archives are not accepted');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses a workbook before the XLSX reader sees it when its parts are too many, too large or too compressed, and
 * checks that each part really inflates to no more than the directory says (a directory can lie; the inflater is
 * stopped one byte past the declared size). Memory stays below the largest declared part.
 */
export function checkXlsxZip(b: Buffer): void {
  const entries = readZipDirectory(b);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed > XLSX_LIMITS.entryUncompressedMax) {
      throw new ZipRefusedError('too_large', `${e.name} unpacks to ${e.uncompressed} bytes`, { entry: e.name, uncompressed: e.uncompressed, limit: XLSX_LIMITS.entryUncompressedMax });
    }
    if (total > XLSX_LIMITS.totalUncompressedMax) {
      throw new ZipRefusedError('too_large', `the workbook unpacks to more than ${XLSX_LIMITS.totalUncompressedMax} bytes`, { limit: XLSX_LIMITS.totalUncompressedMax });
    }
    if (e.uncompressed > XLSX_LIMITS.ratioFloorBytes && e.uncompressed > XLSX_LIMITS.ratioMax * Math.max(1, e.compressed)) {
      throw new ZipRefusedError('unsafe', `${e.name} is compressed ${Math.round(e.uncompressed / Math.max(1, e.compressed))}:1`, { entry: e.name, ratio: Math.round(e.uncompressed / Math.max(1, e.compressed)), ratioMax: XLSX_LIMITS.ratioMax });
    }
    if (e.method !== 0 && e.method !== 8) throw new ZipRefusedError('unsafe', `${e.name} uses compression method ${e.method}`);
  }
  for (const e of entries) {
    const lh = e.localOffset;
    if (lh + 30 > b.length || b.readUInt32LE(lh) !== LFH_SIG) throw new ZipRefusedError('unsafe', `${e.name} has no local header`);
    const start = lh + 30 + b.readUInt16LE(lh + 26) + b.readUInt16LE(lh + 28);
    if (start + e.compressed > b.length) throw new ZipRefusedError('unsafe', `${e.name} runs past the end of the file`);
    const data = b.subarray(start, start + e.compressed);
    let real: number;
    if (e.method === 0) real = data.length;
    else {
      try {
        real = inflateRawSync(data, { maxOutputLength: e.uncompressed + 1 }).length;
      } catch (err) {
        const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        throw new ZipRefusedError('unsafe', tooBig ? `${e.name} unpacks to more than it declares` : `${e.name} does not inflate`, { entry: e.name });
      }
    }
    if (real !== e.uncompressed) throw new ZipRefusedError('unsafe', `${e.name} unpacks to ${real} bytes, not the ${e.uncompressed} it declares`, { entry: e.name });
  }
}
