import { haversineM, wgs84ToGcj02 } from '@xjy/shared';
import sharp from 'sharp';
import { Report } from '../../src/modules/reports/report.entity';
import { centerOf, createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

/** Decimal degrees as EXIF writes them: whole degrees, whole minutes, seconds in hundredths. */
const dms = (deg: number) => {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
};

/** A real JPEG as a phone writes it: camera make and a GPS position (WGS-84) in its EXIF. */
const photoAt = (wgs: { lat: number; lng: number } | null) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'GpsTestPhone', Model: 'G1' },
      ...(wgs ? { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(wgs.lat), GPSLongitudeRef: 'E', GPSLongitude: dms(wgs.lng) } } : {}),
    })
    .toBuffer();

describe.each(TEST_DRIVERS)('photo-first location: EXIF GPS offered, never stored (%s)', (driver) => {
  let t: TestApp;
  let rider: string;
  // A point inside the demo grid 13018400100101, in WGS-84 as a camera records it.
  let wgs: { lat: number; lng: number };
  let gcj: { lat: number; lng: number };

  const upload = async (bytes: Buffer, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const res = await fetch(`${t.baseUrl}/api/media${query}`, { method: 'POST', headers: { authorization: `Bearer ${rider}` }, body: form });
    return { status: res.status, body: (await res.json()) as { id: number; url: string; code?: string; exifLocation?: { lat: number; lng: number } | null } };
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    rider = (await t.loginAs('rider')).token;
    const centre = await centerOf(t, '13018400100101');
    // The EXIF holds WGS-84; the grid's centre is GCJ-02. Step back by the offset so the converted point is the centre.
    const shifted = wgs84ToGcj02(centre);
    wgs = { lat: centre.lat - (shifted.lat - centre.lat), lng: centre.lng - (shifted.lng - centre.lng) };
    gcj = wgs84ToGcj02(wgs);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers the photo’s GPS converted to GCJ-02 when asked, and stores the photo without any EXIF', async () => {
    const original = await photoAt(wgs);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const r = await upload(original, '?withLocation=true');
    expect(r.status).toBe(201);
    // Seconds are written in hundredths (≈ 0.3 m), so the offer is within a metre of the converted point.
    expect(haversineM(r.body.exifLocation!, gcj)).toBeLessThan(1);
    // GCJ-02 is hundreds of metres from WGS-84 here: the offer is the converted point, not the raw EXIF.
    expect(haversineM(r.body.exifLocation!, wgs)).toBeGreaterThan(100);
    expect(Object.keys(r.body.exifLocation!).sort()).toEqual(['lat', 'lng']);

    const stored = Buffer.from(await (await fetch(r.body.url)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif, meta.xmp]).toEqual(['jpeg', undefined, undefined]);
    expect(stored.includes(Buffer.from('GpsTestPhone'))).toBe(false);
  });

  it('says nothing of the position unless asked, and null for a photo without GPS', async () => {
    const plain = await upload(await photoAt(wgs));
    expect(plain.status).toBe(201);
    expect(plain.body).not.toHaveProperty('exifLocation');
    const noGps = await upload(await photoAt(null), '?withLocation=true');
    expect(noGps.status).toBe(201);
    expect(noGps.body.exifLocation).toBeNull();
    const bad = await upload(await photoAt(wgs), '?withLocation=yes');
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });

  it('places a report where the client says: at the offered point only when the reporter took it', async () => {
    const offered = (await upload(await photoAt(wgs), '?withLocation=true')).body;
    const device = { lat: gcj.lat + 0.003, lng: gcj.lng + 0.002 };
    const declined = await createReport(t, rider, { ...device, mediaIds: [offered.id] });
    expect(declined.status).toBe(201);
    const row = await t.ds.getRepository(Report).findOneByOrFail({ id: declined.body.id });
    expect([row.lat, row.lng]).toEqual([device.lat, device.lng]);

    const second = (await upload(await photoAt(wgs), '?withLocation=true')).body;
    const accepted = await createReport(t, rider, { ...second.exifLocation!, mediaIds: [second.id] });
    expect(accepted.status).toBe(201);
    const row2 = await t.ds.getRepository(Report).findOneByOrFail({ id: accepted.body.id });
    expect(haversineM({ lat: row2.lat, lng: row2.lng }, gcj)).toBeLessThan(1);
  });
});
