import { qrMatrix, qrSvgDataUri } from './qr-matrix';

describe('qrMatrix', () => {
  it('draws the three finder patterns of a real QR code', () => {
    const m = qrMatrix('12.58781234.AbCdEfGhIjKlMnOpQrStUv');
    const n = m.length;
    expect(n).toBeGreaterThanOrEqual(21);
    // A finder pattern: a dark 7×7 ring with a light ring inside and a dark 3×3 centre.
    const finder = (r0: number, c0: number) => m[r0][c0] && m[r0 + 6][c0 + 6] && !m[r0 + 1][c0 + 1] && m[r0 + 3][c0 + 3];
    expect(finder(0, 0)).toBe(true);
    expect(finder(0, n - 7)).toBe(true);
    expect(finder(n - 7, 0)).toBe(true);
  });

  it('gives different codes for different tokens', () => {
    expect(qrMatrix('7.1.aaaaaaaaaaaaaaaaaaaaaa')).not.toEqual(qrMatrix('7.2.aaaaaaaaaaaaaaaaaaaaaa'));
    expect(qrSvgDataUri('x')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
  });
});
