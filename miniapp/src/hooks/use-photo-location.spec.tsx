import { act, renderHook } from '@testing-library/react';
import type { LatLng } from '@xjy/shared/geo';
import type { MediaUploadResponse } from '@xjy/shared/media';
import * as Taro from '../../test/taro-mock';
import { photoLocationOffer, PHOTO_LOCATION_FAR_M, uploadReportPhoto, usePhotoLocation } from './use-photo-location';

const HERE = { lat: 38.3431, lng: 114.6846 };
/** A point `m` metres north of HERE. */
const north = (m: number): LatLng => ({ lat: HERE.lat + m / 111_195, lng: HERE.lng });
const upload = (exifLocation?: LatLng | null): MediaUploadResponse => ({ id: 1, url: '/f', thumbUrl: '/t', width: 10, height: 10, ...(exifLocation === undefined ? {} : { exifLocation }) });

describe('photoLocationOffer', () => {
  it('offers the photo’s position when the device has none, or it is more than 200 m away', () => {
    expect(photoLocationOffer(null, north(10))).toEqual({ ...north(10), distanceM: null });
    expect(photoLocationOffer(HERE, north(PHOTO_LOCATION_FAR_M + 50))).toEqual({ ...north(PHOTO_LOCATION_FAR_M + 50), distanceM: 250 });
  });

  it('offers nothing when the photo has no position or was taken near the device', () => {
    expect(photoLocationOffer(HERE, null)).toBeNull();
    expect(photoLocationOffer(null, undefined)).toBeNull();
    expect(photoLocationOffer(HERE, north(PHOTO_LOCATION_FAR_M - 20))).toBeNull();
  });
});

describe('usePhotoLocation', () => {
  it('offers the first photo that carries a position until the reporter answers, then hands it over once', () => {
    const { result } = renderHook(() => usePhotoLocation(HERE));
    act(() => result.current.notePhoto(undefined));
    act(() => result.current.notePhoto(null));
    expect(result.current.offer).toBeNull();
    act(() => result.current.notePhoto(north(900)));
    act(() => result.current.notePhoto(north(2000)));
    expect(result.current.offer).toEqual({ ...north(900), distanceM: 900 });
    let taken: LatLng | null = null;
    act(() => {
      taken = result.current.accept();
    });
    expect(taken).toEqual(north(900));
    expect(result.current.offer).toBeNull();
  });

  it('follows the device: an offer disappears when the device comes near, and a dismissed one stays away until reset', () => {
    const { result, rerender } = renderHook(({ device }) => usePhotoLocation(device), { initialProps: { device: null as LatLng | null } });
    act(() => result.current.notePhoto(north(300)));
    expect(result.current.offer?.distanceM).toBeNull();
    rerender({ device: north(250) });
    expect(result.current.offer).toBeNull();
    rerender({ device: HERE });
    expect(result.current.offer?.distanceM).toBe(300);
    act(() => result.current.dismiss());
    expect(result.current.offer).toBeNull();
    act(() => result.current.reset());
    expect(result.current.offer).toBeNull();
    act(() => result.current.notePhoto(north(600)));
    expect(result.current.offer?.distanceM).toBe(600);
  });
});

describe('uploadReportPhoto', () => {
  it('asks the server to read the photo’s position', async () => {
    Taro.uploadFile.mockImplementationOnce((o) => {
      o.success?.({ statusCode: 201, data: JSON.stringify(upload(north(5))) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    const r = await uploadReportPhoto('/tmp/photo.jpg');
    expect(Taro.uploadFile.mock.calls.at(-1)![0].url).toBe('/api/media?withLocation=true');
    expect(r.exifLocation).toEqual(north(5));
  });
});
