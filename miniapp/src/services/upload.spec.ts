import { loginFactory } from '../../test/factories';
import * as Taro from '../../test/taro-mock';
import { saveLogin } from '../utils/session';
import { importStations } from './stations';
import { uploadFile, uploadPhoto } from './upload';

const answer = (statusCode: number, data: unknown) =>
  Taro.uploadFile.mockImplementation((option) => {
    option.success?.({ statusCode, data: typeof data === 'string' ? data : JSON.stringify(data) });
    return { onProgressUpdate: jest.fn((cb: (p: { progress: number }) => void) => cb({ progress: 40 })), abort: jest.fn() };
  });

describe('uploadFile', () => {
  it('sends the file as the `file` field with the token and the query, and parses the JSON answer', async () => {
    saveLogin(loginFactory({ token: 'tok-1' }));
    answer(201, { id: 7 });
    const progress = jest.fn();
    await expect(uploadFile('/api/things', 'blob:a', { query: { dryRun: 'true', skip: undefined }, onProgress: progress })).resolves.toEqual({ id: 7 });
    const call = Taro.uploadFile.mock.calls[0][0];
    expect(call.url).toMatch(/\/api\/things\?dryRun=true$/);
    expect(call).toMatchObject({ filePath: 'blob:a', name: 'file', header: { Authorization: 'Bearer tok-1' } });
    expect(progress).toHaveBeenCalledWith(40);
  });

  it('maps an error body to its code, and a body that is not JSON to an HTTP error', async () => {
    answer(413, { code: 'image_too_large', message: '图片太大' });
    await expect(uploadPhoto('blob:a')).rejects.toMatchObject({ code: 'image_too_large', status: 413 });
    answer(400, '<html>bad</html>');
    await expect(uploadPhoto('blob:a')).rejects.toMatchObject({ code: 'http_error', status: 400 });
  });

  it('maps a failed transfer to a network error', async () => {
    Taro.uploadFile.mockImplementation((option) => {
      option.fail?.({ errMsg: 'uploadFile:fail' });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    await expect(uploadPhoto('blob:a')).rejects.toMatchObject({ code: 'network_error' });
  });
});

describe('importStations', () => {
  it('answers a refused real run with its row report, and other errors as errors', async () => {
    answer(400, { code: 'station_import_invalid', message: '1 problem', details: { rows: 2, errors: [{ row: 2, field: 'code', message: 'taken' }] } });
    await expect(importStations('blob:s', { dryRun: false, coordSystem: 'gcj02' })).resolves.toEqual({ dryRun: false, ok: false, rows: 2, created: 0, updated: 0, errors: [{ row: 2, field: 'code', message: 'taken' }] });
    answer(403, { code: 'out_of_scope', message: '无权操作' });
    await expect(importStations('blob:s', { dryRun: true, coordSystem: 'gcj02' })).rejects.toMatchObject({ code: 'out_of_scope' });
  });
});
