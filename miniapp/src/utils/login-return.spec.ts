import * as Taro from '../../test/taro-mock';
import { peekLoginReturn, rememberLoginReturn, safeReturnTo, takeLoginReturn } from './login-return';

describe('login return', () => {
  it('accepts only pages of this app as return targets, dropping router-added keys', () => {
    expect(safeReturnTo('/pages/station-detail/index?id=7&stamp=AB')).toBe('/pages/station-detail/index?id=7');
    expect(safeReturnTo('/packages/staff/pages/report/index?id=3')).toBe('/packages/staff/pages/report/index?id=3');
    expect(safeReturnTo('/pages/me/index')).toBe('/pages/me/index');
    for (const bad of ['https://evil.example/pages/me/index', '//evil.example', '/pages/login/index', '/pages/not-found/index', '/api/me', '/pages/me/index/../x', '', null]) {
      expect(safeReturnTo(bad)).toBeNull();
    }
  });

  it('remembers the page and the reason once, and falls back to 驿站 when nothing is remembered', () => {
    rememberLoginReturn('expired', '/pages/report-detail/index?id=12');
    expect(peekLoginReturn()).toEqual({ to: '/pages/report-detail/index?id=12', reason: 'expired' });
    expect(takeLoginReturn()).toBe('/pages/report-detail/index?id=12');
    expect(Taro.storedValue('xjy.loginReturn')).toBeUndefined();
    expect(takeLoginReturn()).toBe('/pages/stations/index');
  });

  it('forgets a target older than half an hour', () => {
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    rememberLoginReturn('required', '/pages/points/index');
    spy.mockReturnValue(now + 31 * 60_000);
    expect(peekLoginReturn()).toBeNull();
    expect(takeLoginReturn()).toBe('/pages/stations/index');
    spy.mockRestore();
  });

  it('keeps what the first of several at-once redirects said: expired, and the page the user was on', () => {
    rememberLoginReturn('expired', '/pages/points/index');
    rememberLoginReturn('required', null);
    expect(peekLoginReturn()).toEqual({ to: '/pages/points/index', reason: 'expired' });
  });
});
