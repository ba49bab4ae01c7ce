import { QrTokens } from './qr-token';

describe(QrTokens.name, () => {
  const qr = new QrTokens('s'.repeat(40));
  const t0 = Date.UTC(2026, 10, 22, 2, 0, 0);

  it('accepts a token of the current and of the previous 30-second slot', () => {
    const { token, expiresAt, slot } = qr.issue(7, t0);
    expect(qr.verify(token, 7, t0)).toEqual({ ok: true, slot });
    expect(qr.verify(token, 7, t0 + 30_000)).toEqual({ ok: true, slot });
    expect(expiresAt.getTime()).toBe(t0 + 30_000);
  });

  it('refuses a token two slots old as expired', () => {
    const { token } = qr.issue(7, t0);
    expect(qr.verify(token, 7, t0 + 60_000)).toEqual({ ok: false, reason: 'qr_token_expired' });
  });

  it('refuses a token from another activity, and a forged or foreign-key token as invalid', () => {
    const { token } = qr.issue(8, t0);
    expect(qr.verify(token, 7, t0)).toEqual({ ok: false, reason: 'qr_token_wrong_activity' });
    const [a, s] = token.split('.');
    expect(qr.verify(`${a}.${s}.AAAAAAAAAAAAAAAAAAAAAA`, 8, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
    expect(new QrTokens('o'.repeat(40)).verify(token, 8, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
    expect(qr.verify('7.123', 7, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
    // Rewriting the activity id breaks the mac: a token cannot be moved to another activity.
    expect(qr.verify(token.replace(/^8\./, '7.'), 7, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
  });

  it('refuses a token from the future', () => {
    const { token } = qr.issue(7, t0 + 120_000);
    expect(qr.verify(token, 7, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
  });

  describe('the 6-digit typed code', () => {
    it('follows the same slots: current and previous accepted, older expired, future and wrong invalid', () => {
      const { code, slot } = qr.issue(7, t0);
      expect(code).toMatch(/^\d{6}$/);
      expect(qr.verify(code, 7, t0)).toEqual({ ok: true, slot });
      expect(qr.verify(code, 7, t0 + 30_000)).toEqual({ ok: true, slot });
      expect(qr.verify(code, 7, t0 + 60_000)).toEqual({ ok: false, reason: 'qr_token_expired' });
      expect(qr.verify(qr.issue(7, t0 + 120_000).code, 7, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      expect(qr.verify(wrong, 7, t0)).toEqual({ ok: false, reason: 'qr_token_invalid' });
    });

    it('is bound to the activity and the key', () => {
      const { code } = qr.issue(7, t0);
      expect(qr.issue(8, t0).code).not.toBe(code);
      expect(new QrTokens('o'.repeat(40)).issue(7, t0).code).not.toBe(code);
    });
  });
});
