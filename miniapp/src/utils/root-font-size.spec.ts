import { rootFontSizePx } from './root-font-size.h5';

describe('rootFontSizePx', () => {
  it('gives 40 px per 750 design px of the shorter side, within 20–40 px, as Taro\'s template did', () => {
    expect(rootFontSizePx(390, 0)).toBeCloseTo(20.8);
    expect(rootFontSizePx(390, 844)).toBeCloseTo(20.8);
    expect(rootFontSizePx(300, 0)).toBe(20);
    expect(rootFontSizePx(1440, 0)).toBe(40);
  });
});
