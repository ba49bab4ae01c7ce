import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { gcj02ToWgs84, haversineM, type LatLng } from '@xjy/shared/geo';
import type { ReportCategoriesResponse } from '@xjy/shared/report';
import { JPEG_WITHOUT_GPS, jpegWithGps } from '../../../test/exif-jpeg';
import { fail, loginFactory, ok } from '../../../test/factories';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { PRIVACY_GUIDE_VERSION } from '../../utils/privacy-platform.h5';
import { saveLogin } from '../../utils/session';
import ReportPage from './index';

// 随手拍's 使用照片位置: a picked photo's EXIF GPS is read on the phone (H5: its blob: URL through fetch) and offered
// when the device has no position or is more than 200 m from where the photo was taken.

const categories: ReportCategoriesResponse = {
  subscribeTemplateId: null,
  items: [{ id: 1, key: 'traffic', label: '交通劝导', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 72, signHours: 4, verifyHours: 24, sortOrder: 1, active: true }],
};

/** The device (GCJ-02, as the H5 location util hands it over from the browser's WGS-84). */
const HERE: LatLng = { lat: 38.3416, lng: 114.6778 };
/** A GCJ-02 point `m` metres north of HERE. */
const north = (m: number): LatLng => ({ lat: HERE.lat + m / 111_195, lng: HERE.lng });

const photos = new Map<string, Uint8Array>();
const fetchMock = jest.fn(async (url: string) => {
  const bytes = photos.get(url);
  if (!bytes) throw new TypeError('Failed to fetch');
  // arrayBuffer for the GPS read; blob for the outbox, which checks a blob: URL is still alive before uploading it.
  return { ok: true, arrayBuffer: async () => bytes.slice().buffer, blob: async () => new Blob([bytes.slice()]) };
});

function api() {
  serve((url, method) => {
    if (url === '/api/report-categories') return ok(categories);
    if (url.startsWith('/api/reports/nearby')) return ok({ items: [] });
    if (url === '/api/reports' && method === 'POST') return { statusCode: 201, data: { id: 77 } };
    return fail(404, 'not_found', '');
  });
  Taro.uploadFile.mockImplementation((option) => {
    option.success?.({ statusCode: 201, data: JSON.stringify({ id: 501, url: '/m', thumbUrl: '/t', width: 1, height: 1 }) });
    return { onProgressUpdate: jest.fn(), abort: jest.fn() };
  });
}

function locateAt(p: LatLng | null) {
  const wgs = p && gcj02ToWgs84(p);
  const value = wgs ? { getCurrentPosition: (done: (fix: unknown) => void) => done({ coords: { latitude: wgs.lat, longitude: wgs.lng, accuracy: 10 } }) } : undefined;
  Object.defineProperty(navigator, 'geolocation', { value, configurable: true });
}

/** Picks one photo whose bytes are `bytes`, and waits until the page has read them. */
async function pickPhoto(path: string, bytes: Uint8Array | null) {
  if (bytes) photos.set(path, bytes);
  Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: path }], errMsg: 'chooseMedia:ok' }) as never);
  const reads = fetchMock.mock.calls.length;
  fireEvent.click(screen.getByTestId('report-add-photo'));
  await waitFor(() => expect(fetchMock.mock.calls.length).toBe(reads + 1));
  // Let the read and the parse settle before asserting what the page offers.
  for (let i = 0; i < 3; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

async function send() {
  fireEvent.click(await screen.findByTestId('report-cat-traffic'));
  typeInto('report-description', '路口电动车逆行');
  fireEvent.click(screen.getByTestId('report-send'));
  await waitFor(() => expect(callsTo('/api/reports', 'POST')).toHaveLength(1));
  return callsTo('/api/reports', 'POST')[0].data as { lat: number; lng: number };
}

async function renderLocated(device: LatLng | null) {
  locateAt(device);
  act(() => saveLogin(loginFactory()));
  api();
  render(<ReportPage />);
  if (device) await waitFor(() => expect(screen.getByTestId('report-spot')).toHaveTextContent(`${device.lat.toFixed(5)}, ${device.lng.toFixed(5)}`));
}

describe('ReportPage: 使用照片位置', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
    photos.clear();
    fetchMock.mockClear();
    Object.defineProperty(globalThis, 'fetch', { value: fetchMock, configurable: true, writable: true });
  });
  afterEach(() => locateAt(null));

  it('offers a far photo’s position and sends it (GCJ-02) once the reporter takes it', async () => {
    await renderLocated(HERE);
    const taken = north(1500);
    await pickPhoto('blob:far', jpegWithGps(gcj02ToWgs84(taken)));
    const offer = await screen.findByTestId('report-photo-location');
    const metres = Math.round(haversineM(HERE, taken));
    expect(offer).toHaveTextContent(/^照片拍摄于别处（约 (\d+) 米外），使用照片位置？/);
    const shown = Number(/约 (\d+) 米外/.exec(offer.textContent!)![1]);
    expect(Math.abs(shown - metres)).toBeLessThanOrEqual(1);
    // Nothing is taken before the tap.
    expect(screen.getByTestId('report-spot')).toHaveTextContent('38.34160, 114.67780');

    fireEvent.click(screen.getByText('使用照片位置'));
    expect(screen.queryByTestId('report-photo-location')).not.toBeInTheDocument();
    expect(screen.getByTestId('report-spot')).toHaveTextContent('照片拍摄位置');
    expect(screen.getByTestId('report-spot')).not.toHaveTextContent('已在地图上调整');

    const sent = await send();
    expect(haversineM(sent, taken)).toBeLessThan(1);
    // The photo went up once, with the report, as before.
    expect(Taro.uploadFile).toHaveBeenCalledTimes(1);
    expect(Taro.uploadFile.mock.calls[0][0]).toMatchObject({ filePath: 'blob:far' });
  });

  it('keeps the device’s position after 仍用当前位置', async () => {
    await renderLocated(HERE);
    await pickPhoto('blob:far', jpegWithGps(gcj02ToWgs84(north(900))));
    expect(await screen.findByTestId('report-photo-location')).toHaveTextContent('使用照片位置？');
    fireEvent.click(screen.getByText('仍用当前位置'));
    expect(screen.queryByTestId('report-photo-location')).not.toBeInTheDocument();
    const sent = await send();
    expect(sent.lat).toBeCloseTo(HERE.lat, 6);
    expect(sent.lng).toBeCloseTo(HERE.lng, 6);
  });

  it('offers nothing for a photo taken near the device, one without GPS, or one whose bytes cannot be read', async () => {
    await renderLocated(HERE);
    await pickPhoto('blob:near', jpegWithGps(gcj02ToWgs84(north(120))));
    await pickPhoto('blob:plain', JPEG_WITHOUT_GPS);
    await pickPhoto('blob:gone', null);
    expect(screen.queryByTestId('report-photo-location')).not.toBeInTheDocument();
    // The unreadable one could not be uploaded either: leave it out of the report.
    fireEvent.click(screen.getAllByTestId('photo-remove')[2]);
    const sent = await send();
    expect(sent.lat).toBeCloseTo(HERE.lat, 6);
    expect(sent.lng).toBeCloseTo(HERE.lng, 6);
  });

  it('offers the photo’s position, without a distance, when the device has none', async () => {
    await renderLocated(null);
    const taken = north(50);
    await pickPhoto('blob:any', jpegWithGps(gcj02ToWgs84(taken)));
    expect(await screen.findByTestId('report-photo-location')).toHaveTextContent('当前还没有定位到你的位置，使用照片位置？');
    fireEvent.click(screen.getByText('使用照片位置'));
    const sent = await send();
    expect(haversineM(sent, taken)).toBeLessThan(1);
  });
});
