import { WorkLimiter } from '../../common/work-limiter';
import { runWorkerTask } from '../../common/worker-task';

/** Decoded pixels: 8-bit RGBA, rows packed, already turned as the file's irot/imir/clap say. */
export interface DecodedHeif {
  width: number;
  height: number;
  data: Buffer;
}

/** The file declares more pixels than allowed; nothing was decoded. */
export class HeifTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`HEIF image is ${width}x${height}`);
    this.name = 'HeifTooLargeError';
  }
}

/** Not a HEIF file libheif can read, or one it cannot decode. */
export class HeifDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeifDecodeError';
  }
}

type WorkerReply = { ok: true; width: number; height: number; data: ArrayBuffer } | { ok: false; tooLarge?: { width: number; height: number }; error?: string };

// Runs in a worker: libheif's WebAssembly build (libde265 inside, so HEVC-coded iPhone photos decode). The primary
// image's declared size is checked before any pixel is decoded; the pixels are copied out of the WebAssembly heap
// and moved (not copied again) to the caller. Plain JavaScript, so it runs the same under ts-jest and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lib = require(workerData.libheif);
(async () => {
  await lib.ready;
  const ctx = lib.heif_context_alloc();
  let handle = null;
  let image = null;
  try {
    const err = lib.heif_context_read_from_memory(ctx, workerData.input);
    if (err.code !== lib.heif_error_code.heif_error_Ok) throw new Error(err.message);
    handle = lib.heif_js_context_get_primary_image_handle(ctx);
    if (!handle || handle.code) throw new Error((handle && handle.message) || 'no primary image');
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    if (!(width > 0 && height > 0)) throw new Error('no image size');
    if (width * height > workerData.maxPixels) {
      parentPort.postMessage({ ok: false, tooLarge: { width, height } });
      return;
    }
    image = await lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, lib.heif_chroma.heif_chroma_interleaved_RGBA);
    if (!image || image.code) throw new Error((image && image.message) || 'decoding failed');
    const ch = image.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
    if (!ch || ch.width !== width || ch.height !== height) throw new Error('unexpected decoded layout');
    const row = width * 4;
    const out = new Uint8Array(row * height);
    for (let y = 0; y < height; y++) out.set(ch.data.subarray(y * ch.stride, y * ch.stride + row), y * row);
    parentPort.postMessage({ ok: true, width, height, data: out.buffer }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String((e && e.message) || e) });
  } finally {
    if (image && image.image) lib.heif_image_release(image.image);
    if (handle && !handle.code) lib.heif_image_handle_release(handle);
    lib.heif_context_free(ctx);
  }
})();
`;

/**
 * HEIC decodes are the most expensive thing a user can ask for (a 49 MP photo: seconds and about 500 MB), so one
 * runs at a time; each user may have one running and one waiting, and a few more may wait overall. Past that the
 * caller is answered at once (429 media_busy, 503 server_busy) rather than queued behind minutes of work.
 */
export const HEIF_DECODES = new WorkLimiter('heif_decode', { concurrency: 1, queueMax: 4, perKeyConcurrency: 1, perKeyQueue: 1 }, 'media_busy');

/**
 * Decodes the primary image of a HEIF/HEIC file with libheif (WebAssembly), for when sharp's libvips lacks the
 * codec (its prebuilt binaries carry no HEVC decoder). Each decode runs in its own worker thread, within
 * HEIF_DECODES: the event loop stays free during the seconds a 12 MP photo takes, at most one full-size RGBA copy
 * exists at once, and ending the worker returns its WebAssembly memory (which otherwise never shrinks).
 */
export function decodeHeif(input: Buffer, opts: { maxPixels: number; timeoutMs?: number; owner?: string | number }): Promise<DecodedHeif> {
  return HEIF_DECODES.run(opts.owner ?? 'system', () => decodeInWorker(input, opts.maxPixels, opts.timeoutMs ?? 30_000));
}

function decodeInWorker(input: Buffer, maxPixels: number, timeoutMs: number): Promise<DecodedHeif> {
  return runWorkerTask(
    WORKER_SOURCE,
    { libheif: require.resolve('libheif-js/wasm-bundle'), input, maxPixels },
    timeoutMs,
    (m: WorkerReply) => {
      if (m.ok) return { width: m.width, height: m.height, data: Buffer.from(m.data) };
      if (m.tooLarge) throw new HeifTooLargeError(m.tooLarge.width, m.tooLarge.height);
      throw new HeifDecodeError(m.error ?? 'HEIF decoding failed');
    },
    (end) =>
      new HeifDecodeError(end.kind === 'timeout' ? `HEIF decoding took longer than ${timeoutMs} ms` : end.kind === 'error' ? end.error.message : `HEIF decoder exited with code ${end.code}`),
  );
}
