import * as Taro from '../../test/taro-mock';
import { fail, loginFactory, ok } from '../../test/factories';
import { saveLogin, getToken } from '../utils/session';
import { ApiError, configureHttp, http, request, resetLoginRedirect } from './http';

const networkDown = { errMsg: 'request:fail' };

describe('http', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => resetLoginRedirect());

  it('calls the same origin /api path in h5 and sends JSON', async () => {
    Taro.request.mockResolvedValueOnce(ok({ id: 7 }));
    const result = await http.post<{ id: number }>('/api/things', { a: 1 });
    expect(result).toEqual({ id: 7 });
    const call = Taro.request.mock.calls[0][0];
    expect(call.url).toBe('/api/things');
    expect(call.method).toBe('POST');
    expect(call.data).toEqual({ a: 1 });
    expect(call.header?.['Content-Type']).toBe('application/json');
    expect(call.timeout).toBe(15_000);
  });

  it('uses TARO_APP_API_BASE on weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    try {
      Taro.request.mockResolvedValueOnce(ok({}));
      await http.get('/api/app-info');
      expect(Taro.request.mock.calls[0][0].url).toBe('http://api.test/api/app-info');
    } finally {
      process.env.TARO_ENV = 'h5';
    }
  });

  it('encodes query parameters and leaves out undefined ones', async () => {
    Taro.request.mockResolvedValueOnce(ok({ items: [] }));
    await http.get('/api/areas', { query: { parentId: 3, q: '新乐 市', skip: undefined } });
    expect(Taro.request.mock.calls[0][0].url).toBe('/api/areas?parentId=3&q=%E6%96%B0%E4%B9%90%20%E5%B8%82');
  });

  it('attaches the stored token as a bearer header', async () => {
    saveLogin(loginFactory({ token: 'tok-1' }));
    Taro.request.mockResolvedValueOnce(ok({}));
    await http.get('/api/me');
    expect(Taro.request.mock.calls[0][0].header?.Authorization).toBe('Bearer tok-1');
  });

  it('sends no Authorization header without a session', async () => {
    Taro.request.mockResolvedValueOnce(ok({}));
    await http.get('/api/app-info');
    expect(Taro.request.mock.calls[0][0].header).not.toHaveProperty('Authorization');
  });

  it('maps an API error body to a typed ApiError', async () => {
    const fields = [{ field: 'nickname', message: '昵称太长' }];
    Taro.request.mockResolvedValueOnce(fail(400, 'validation_failed', '参数不合法', { fields }));
    const error = await http.patch('/api/me', { nickname: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, message: '参数不合法', details: { fields } });
    expect((error as ApiError).fieldErrors()).toEqual({ nickname: '昵称太长' });
  });

  it('shows the catalogue message for a code when the server message is not Chinese', async () => {
    Taro.request.mockResolvedValueOnce(fail(404, 'area_not_found', 'Area not found'));
    const error = await http.get('/api/areas/9').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'area_not_found', status: 404, message: '区域不存在', serverMessage: 'Area not found' });
    Taro.request.mockResolvedValueOnce(fail(429, 'rate_limited', 'Too many requests'));
    await expect(http.get('/api/x')).rejects.toMatchObject({ message: '操作太频繁，请稍后再试' });
    Taro.request.mockResolvedValueOnce(fail(413, 'payload_too_large', 'too big', { maxBytes: 10 * 1024 * 1024 }));
    await expect(http.get('/api/x')).rejects.toMatchObject({ message: '上传内容不能超过 10 MB' });
  });

  it('keeps a Chinese server message, which may be more specific than the catalogue', async () => {
    Taro.request.mockResolvedValueOnce(fail(400, 'station_outside_area', '站点位置不在新乐市范围内'));
    await expect(http.get('/api/x')).rejects.toMatchObject({ message: '站点位置不在新乐市范围内' });
  });

  it('names fields by their labels when a validation message is English', async () => {
    const fields = [
      { field: 'radiusM', message: 'radiusM must not be less than 20' },
      { field: 'lat', message: '位置必须在中国境内' },
    ];
    Taro.request.mockResolvedValueOnce(fail(400, 'validation_failed', 'Invalid radiusM, lat', { fields }));
    const error = (await http.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('搜索半径不正确；位置必须在中国境内');
    expect(error.fieldErrors()).toEqual({ radiusM: '搜索半径不正确', lat: '位置必须在中国境内' });
  });

  it('falls back to a generic Chinese message for an unknown code with an English message', async () => {
    Taro.request.mockResolvedValueOnce(fail(418, 'teapot', 'I am a teapot'));
    await expect(http.get('/api/x')).rejects.toMatchObject({ code: 'teapot', message: '出了点问题，请稍后再试' });
  });

  it('maps a body that is not an API error to a generic code with the status', async () => {
    Taro.request.mockResolvedValueOnce({ statusCode: 500, data: '<html>oops</html>' });
    await expect(http.get('/api/x')).rejects.toMatchObject({ code: 'http_error', status: 500 });
  });

  it('retries a GET up to twice on network errors, then reports network_error', async () => {
    Taro.request.mockRejectedValue(networkDown);
    await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'network_error', status: 0 });
    expect(Taro.request).toHaveBeenCalledTimes(3);
  });

  it('retries a GET on 503 and returns the answer that follows', async () => {
    Taro.request.mockResolvedValueOnce(fail(503, 'db_unavailable', '数据库不可用')).mockResolvedValueOnce(ok({ id: 1 }));
    await expect(http.get('/api/me')).resolves.toEqual({ id: 1 });
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('gives up after two retries on 502 and surfaces the last error', async () => {
    Taro.request.mockResolvedValue({ statusCode: 502, data: '' });
    await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'upstream_unavailable', status: 502 });
    expect(Taro.request).toHaveBeenCalledTimes(3);
  });

  it('never retries a plain POST, on network errors or on 503', async () => {
    Taro.request.mockRejectedValueOnce(networkDown);
    await expect(http.post('/api/reports', {})).rejects.toMatchObject({ code: 'network_error' });
    expect(Taro.request).toHaveBeenCalledTimes(1);

    Taro.request.mockResolvedValueOnce(fail(503, 'db_unavailable', '数据库不可用'));
    await expect(http.post('/api/reports', {})).rejects.toMatchObject({ code: 'db_unavailable', status: 503 });
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('retries a POST that carries an Idempotency-Key header', async () => {
    Taro.request.mockRejectedValueOnce(networkDown).mockResolvedValueOnce(ok({ id: 9 }, 201));
    await expect(http.post('/api/reports', {}, { headers: { 'Idempotency-Key': 'k1' } })).resolves.toEqual({ id: 9 });
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('retries a call the caller marks idempotent', async () => {
    Taro.request.mockResolvedValueOnce({ statusCode: 504, data: '' }).mockResolvedValueOnce(ok({}));
    await request('/api/x', { method: 'PUT', data: {}, idempotent: true });
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('does not retry other 4xx/5xx answers', async () => {
    Taro.request.mockResolvedValueOnce(fail(500, 'internal_error', '服务器错误'));
    await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'internal_error', status: 500 });
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });

  it('reports a timeout as network_error with a timeout message', async () => {
    Taro.request.mockRejectedValue({ errMsg: 'request:fail timeout' });
    await expect(http.post('/api/x')).rejects.toMatchObject({ code: 'network_error', message: expect.stringContaining('超时') });
  });

  it('on 401 token_invalid clears the session and goes to login once', async () => {
    saveLogin(loginFactory());
    Taro.request.mockResolvedValue(fail(401, 'token_invalid', '登录已失效'));
    await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'token_invalid', status: 401 });
    await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'token_invalid' });
    expect(getToken()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('on 401 unauthenticated also ends the session', async () => {
    saveLogin(loginFactory());
    Taro.request.mockResolvedValueOnce(fail(401, 'unauthenticated', '请先登录'));
    await expect(http.get('/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(getToken()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
  });

  it('keeps the session on 401 bad_credentials (a failed password login)', async () => {
    saveLogin(loginFactory({ token: 'still-here' }));
    Taro.request.mockResolvedValueOnce(fail(401, 'bad_credentials', '用户名或密码错误'));
    await expect(http.post('/api/auth/password', {})).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(getToken()).toBe('still-here');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});
