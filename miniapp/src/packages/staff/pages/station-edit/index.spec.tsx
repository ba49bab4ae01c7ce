import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MEDIA_MAX_BYTES } from '@xjy/shared/media';
import { STATION_PHOTOS_MAX, type StationDetailResponse } from '@xjy/shared/station';
import { areaFactory, fail, loginFactory, mediaFactory, ok, stationFactory, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { PRIVACY_GUIDE_VERSION } from '../../../../utils/privacy-platform.h5';
import { saveLogin } from '../../../../utils/session';
import StationEditPage from './index';

/** Uploads the test finishes by hand, in any order, with progress in between. */
interface PendingUpload {
  option: Taro.MockUploadOption;
  progress: (p: { progress: number }) => void;
}
let uploads: PendingUpload[] = [];
// Async act: the page hears of the answer a few promise turns later.
const stored = (i: number, id: number) =>
  act(async () => {
    uploads[i].option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(id)) });
  });
const dropped = (i: number) =>
  act(async () => {
    uploads[i].option.fail?.({ errMsg: 'uploadFile:fail' });
  });

function api(station: StationDetailResponse | null) {
  serve((url, method) => {
    if (url === '/api/areas/4') return ok({ ...areaFactory({ id: 4, level: 'street', name: '长寿街道', childCount: 1 }), boundary: null });
    if (url === '/api/areas?parentId=4') return ok({ items: [areaFactory({ id: 9, parentId: 4, level: 'community', name: '新华社区' })] });
    if (station && url === `/api/stations/${station.id}` && method === 'GET') return ok(station);
    if (station && url === `/api/stations/${station.id}` && method === 'PATCH') return ok(station);
    if (url === '/api/stations' && method === 'POST') return ok(stationFactory({ id: 6 }), 201);
    return fail(404, 'not_found', '');
  });
}

const picked = (...paths: string[]) =>
  Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: paths.map((tempFilePath) => ({ tempFilePath, size: 200_000 })), errMsg: 'chooseMedia:ok' }) as never);
const tiles = () => screen.queryAllByTestId('photo-tile');
const saveBody = (url: string, method: string) => callsTo(url, method)[0]?.data as Record<string, unknown> | undefined;

describe('StationEditPage photos', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
    Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
    uploads = [];
    Taro.uploadFile.mockImplementation((option) => {
      const entry: PendingUpload = { option, progress: () => undefined };
      uploads.push(entry);
      return {
        onProgressUpdate: jest.fn((cb: PendingUpload['progress']) => {
          entry.progress = cb;
        }),
        abort: jest.fn(),
      };
    });
  });

  it('shows the current photos, uploads new ones with progress, retries a failed one and saves the ids in order', async () => {
    Taro.routerParams.current = { id: '5' };
    api(stationFactory({ photos: [mediaFactory(11)] }));
    render(<StationEditPage />);
    await waitFor(() => expect(tiles()).toHaveLength(1));
    expect(tiles()[0].querySelector('img, taro-image-core')?.getAttribute('src')).toContain('/media/11-thumb.jpg');

    picked('blob:front', 'blob:seats');
    fireEvent.click(screen.getByTestId('edit-add-photo'));
    await waitFor(() => expect(tiles()).toHaveLength(3));
    expect(uploads.map((u) => u.option.filePath)).toEqual(['blob:front', 'blob:seats']);
    act(() => uploads[0].progress({ progress: 40 }));
    expect(screen.getAllByTestId('photo-progress')[0]).toHaveTextContent('上传中 40%');

    // Saving waits for the uploads, and says why.
    fireEvent.click(screen.getByTestId('edit-save'));
    expect(await screen.findByText('照片还在上传，请稍候再保存')).toBeInTheDocument();
    await stored(0, 21);
    await dropped(1);
    expect(await screen.findByTestId('photo-error')).toHaveTextContent('上传失败：网络连接失败');
    fireEvent.click(screen.getByTestId('edit-save'));
    expect(await screen.findByText('有照片没有上传成功，请点“重试”或删掉它再保存')).toBeInTheDocument();
    expect(callsTo('/api/stations/5', 'PATCH')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('photo-retry'));
    expect(uploads.map((u) => u.option.filePath)).toEqual(['blob:front', 'blob:seats', 'blob:seats']);
    await stored(2, 22);
    await waitFor(() => expect(screen.queryByTestId('photo-error')).not.toBeInTheDocument());
    expect(screen.queryByTestId('photo-progress')).not.toBeInTheDocument();

    fireEvent.click(screen.getAllByTestId('photo-remove')[0]);
    expect(tiles()).toHaveLength(2);
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(saveBody('/api/stations/5', 'PATCH')).toMatchObject({ name: '新华社区爱心驿站', photoMediaIds: [21, 22] });
  });

  it('leaves the photos out of an edit that did not touch them', async () => {
    Taro.routerParams.current = { id: '5' };
    api(stationFactory({ photos: [mediaFactory(11), mediaFactory(12)] }));
    render(<StationEditPage />);
    await waitFor(() => expect(tiles()).toHaveLength(2));
    typeInto('edit-name', '新华社区爱心驿站（东门）');
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    const body = saveBody('/api/stations/5', 'PATCH')!;
    expect(body.name).toBe('新华社区爱心驿站（东门）');
    expect(body).not.toHaveProperty('photoMediaIds');
  });

  it("offers only as many photos as the server takes and skips files over the upload limit", async () => {
    Taro.routerParams.current = { id: '5' };
    api(stationFactory({ photos: [11, 12, 13, 14].map((id) => mediaFactory(id)) }));
    render(<StationEditPage />);
    await waitFor(() => expect(tiles()).toHaveLength(4));
    Taro.chooseMedia.mockImplementationOnce(
      () => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:huge', size: MEDIA_MAX_BYTES + 1 }, { tempFilePath: 'blob:ok', size: 300_000 }], errMsg: 'chooseMedia:ok' }) as never,
    );
    fireEvent.click(screen.getByTestId('edit-add-photo'));
    await waitFor(() => expect(tiles()).toHaveLength(5));
    expect(Taro.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ count: STATION_PHOTOS_MAX - 4 }));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '1 张照片超过 10 MB，未添加' }));
    expect(uploads.map((u) => u.option.filePath)).toEqual(['blob:ok']);

    picked('blob:last');
    fireEvent.click(screen.getByTestId('edit-add-photo'));
    await waitFor(() => expect(tiles()).toHaveLength(STATION_PHOTOS_MAX));
    expect(Taro.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }));
    expect(screen.queryByTestId('edit-add-photo')).not.toBeInTheDocument();
  });

  it('sends the uploaded photos with a new station', async () => {
    api(null);
    render(<StationEditPage />);
    await screen.findByText(/新华社区 ›/);
    typeInto('edit-name', '人民路爱心驿站');
    typeInto('edit-lat', '38.3441');
    typeInto('edit-lng', '114.6843');
    picked('blob:front');
    fireEvent.click(screen.getByTestId('edit-add-photo'));
    await waitFor(() => expect(uploads).toHaveLength(1));
    await stored(0, 31);
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(saveBody('/api/stations', 'POST')).toMatchObject({ name: '人民路爱心驿站', areaId: 9, photoMediaIds: [31] });
  });
});
