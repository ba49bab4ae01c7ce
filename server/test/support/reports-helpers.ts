import type { MediaResponse } from '@xjy/shared';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Area } from '../../src/modules/areas/area.entity';
import type { TestApp } from './test-app';

/** A JPEG that carries EXIF (camera, GPS, orientation), as a phone would send it. */
export async function photoWithExif(opts: { width?: number; height?: number; orientation?: number } = {}): Promise<Buffer> {
  return sharp({ create: { width: opts.width ?? 640, height: opts.height ?? 480, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 20/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 41/1 200/100' },
    })
    .withMetadata({ orientation: opts.orientation ?? 1 })
    .toBuffer();
}

export async function upload(t: TestApp, token: string, bytes: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  const res = await fetch(`${t.baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: body as MediaResponse & { code?: string } };
}

export async function uploadPhoto(t: TestApp, token: string): Promise<number> {
  const r = await upload(t, token, await photoWithExif());
  if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** The centre of a demo area by its code (a grid centre lies inside the grid). */
export async function centerOf(t: TestApp, code: string): Promise<{ lat: number; lng: number; id: number; path: string }> {
  const a = await t.ds.getRepository(Area).findOneByOrFail({ code });
  return { lat: a.centerLat!, lng: a.centerLng!, id: a.id, path: a.path };
}

export async function createReport(
  t: TestApp,
  token: string,
  fields: Partial<{ category: string; description: string; lat: number; lng: number; mediaIds: number[]; stationId: number }> = {},
  key: string = randomUUID(),
) {
  const at = fields.lat === undefined ? await centerOf(t, '13018400100101') : null;
  const mediaIds = fields.mediaIds ?? [await uploadPhoto(t, token)];
  return t.http('POST', '/api/reports', {
    token,
    headers: { 'idempotency-key': key },
    body: { category: 'traffic', description: '路口电动车逆行', lat: at?.lat, lng: at?.lng, ...fields, mediaIds },
  });
}
