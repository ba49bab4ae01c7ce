import { loadConfig } from '../../src/config/app.config';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { FakeWechat } from '../support/fake-wechat';

describe(WechatClient.name, () => {
  let wechat: FakeWechat;
  let client: WechatClient;

  beforeAll(async () => {
    wechat = await new FakeWechat().start();
    client = new WechatClient(loadConfig({ NODE_ENV: 'test', WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.appSecret, WECHAT_API_BASE: wechat.baseUrl, PUBLIC_BASE_URL: 'https://xjy.example.cn' }));
  });
  afterAll(async () => {
    await wechat.stop();
  });

  it('exchanges a code once and refuses it the second time', async () => {
    const code = wechat.issueCode('o-1', 'u-1');
    await expect(client.code2Session(code)).resolves.toMatchObject({ openid: 'o-1', unionid: 'u-1' });
    await expect(client.code2Session(code)).rejects.toMatchObject({ code: 'wechat_code_invalid', status: 401 });
  });

  it('fetches one access token for concurrent callers and reuses it', async () => {
    const before = wechat.count('/cgi-bin/stable_token');
    const tokens = await Promise.all([client.getAccessToken(), client.getAccessToken(), client.getAccessToken()]);
    expect(new Set(tokens).size).toBe(1);
    await client.msgSecCheck('o-1', '路口井盖缺失');
    expect(wechat.count('/cgi-bin/stable_token') - before).toBe(1);
  });

  it('gets a fresh token once when WeChat says the old one is invalid', async () => {
    await client.getAccessToken();
    wechat.expireTokens();
    const before = wechat.count('/cgi-bin/stable_token');
    await expect(client.msgSecCheck('o-1', '正常内容')).resolves.toMatchObject({ suggest: 'pass' });
    expect(wechat.count('/cgi-bin/stable_token') - before).toBe(1);
  });

  it('reports risky text from msgSecCheck (v2, with the openid)', async () => {
    await expect(client.msgSecCheck('o-1', '这里有违禁词')).resolves.toMatchObject({ suggest: 'risky' });
    const call = wechat.requests.filter((r) => r.path === '/wxa/msg_sec_check').at(-1)!;
    expect(call.body).toMatchObject({ version: 2, openid: 'o-1', content: '这里有违禁词' });
  });

  it('starts an async media check and returns its trace id', async () => {
    const traceId = await client.mediaCheckAsync('o-1', 'https://example.invalid/m/1.jpg');
    expect(wechat.mediaChecks.at(-1)).toEqual({ traceId, mediaUrl: 'https://example.invalid/m/1.jpg', openid: 'o-1' });
  });

  it('sends a subscribe message, and reports a user without consent as not sent', async () => {
    await expect(client.sendSubscribeMessage({ openid: 'o-1', templateId: 'tpl', data: { thing1: { value: '已受理' } } })).resolves.toBe(true);
    expect(wechat.sentMessages.at(-1)).toMatchObject({ touser: 'o-1', template_id: 'tpl' });
    wechat.noConsent.add('o-2');
    await expect(client.sendSubscribeMessage({ openid: 'o-2', templateId: 'tpl', data: {} })).resolves.toBe(false);
  });

  it('says 503 wechat_unavailable when WeChat is down, and when it is not configured', async () => {
    wechat.failWithStatus = 500;
    try {
      await expect(client.code2Session('x')).rejects.toMatchObject({ code: 'wechat_unavailable', status: 503 });
    } finally {
      wechat.failWithStatus = null;
    }
    const unconfigured = new WechatClient(loadConfig({ NODE_ENV: 'test' }));
    await expect(unconfigured.code2Session('x')).rejects.toMatchObject({ code: 'wechat_unavailable' });
  });
});
