import { agoText, amapMarkerUrl, sessionTime, telHref, tencentMarkerUrl } from './station-links';

describe('station links', () => {
  const t = { lat: 38.3435, lng: 114.6839, name: '长寿街道 爱心驿站&1号' };

  it('opens Amap at the GCJ-02 point with the name URL-encoded', () => {
    const u = new URL(amapMarkerUrl(t));
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/marker');
    expect(u.searchParams.get('position')).toBe('114.6839,38.3435');
    expect(u.searchParams.get('name')).toBe(t.name);
    expect(u.searchParams.get('coordinate')).toBe('gaode');
    expect(amapMarkerUrl(t)).not.toContain(' ');
  });

  it('opens Tencent Maps at the point with the title', () => {
    const u = new URL(tencentMarkerUrl(t));
    expect(u.origin + u.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect(u.searchParams.get('marker')).toBe(`coord:38.3435,114.6839;title:${t.name}`);
  });

  it('dials only the digits of a number', () => {
    expect(telHref('0311-8888 6666')).toBe('tel:031188886666');
  });

  it('says how long ago in Chinese', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(agoText('2026-12-02T09:59:40Z', now)).toBe('刚刚');
    expect(agoText('2026-12-02T09:15:00Z', now)).toBe('45 分钟前');
    expect(agoText('2026-12-02T07:00:00Z', now)).toBe('3 小时前');
    expect(agoText('2026-11-22T10:00:00Z', now)).toBe('10 天前');
  });

  it('shows a session time in China time', () => {
    const now = Date.parse('2026-12-02T02:00:00Z'); // 10:00 in Shanghai
    expect(sessionTime('2026-12-02T07:00:00Z', '2026-12-02T09:00:00Z', now)).toBe('今天 15:00–17:00');
    expect(sessionTime('2026-12-03T01:00:00Z', '2026-12-03T03:00:00Z', now)).toBe('明天 09:00–11:00');
    expect(sessionTime('2026-12-05T01:00:00Z', '2026-12-05T03:00:00Z', now)).toBe('12月5日 09:00–11:00');
  });
});
