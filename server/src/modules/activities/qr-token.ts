import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHECK_IN_CODE_DIGITS, QR_SLOT_SECONDS } from '@xjy/shared';

export type QrVerdict = { ok: true; slot: number } | { ok: false; reason: 'qr_token_invalid' | 'qr_token_wrong_activity' | 'qr_token_expired' };

/**
 * The rotating check-in code shown on the staff screen: "<activityId>.<slot>.<mac>", the mac an HMAC-SHA256 over
 * the activity and a 30-second slot with a server-only key. The current and the previous slot are accepted, so a
 * code photographed and sent to someone on a sofa stops working within a minute. The same slot also has a 6-digit
 * code to type where nothing can scan (H5 on a desktop): it names no activity, so it is checked against the one
 * in the URL, for the current and the previous slot alone (two valid codes in a million, under the attempt limit).
 */
export class QrTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('xjy:activity-check-in-qr').digest();
  }

  static slotAt(ms: number): number {
    return Math.floor(ms / 1000 / QR_SLOT_SECONDS);
  }

  private mac(activityId: number, slot: number): Buffer {
    return createHmac('sha256', this.key).update(`${activityId}.${slot}`).digest().subarray(0, 16);
  }

  /** The typed code of a slot: a separate HMAC input, so the code says nothing about the QR's mac. */
  private code(activityId: number, slot: number): string {
    const n = createHmac('sha256', this.key).update(`code.${activityId}.${slot}`).digest().readUInt32BE(0) % 10 ** CHECK_IN_CODE_DIGITS;
    return String(n).padStart(CHECK_IN_CODE_DIGITS, '0');
  }

  issue(activityId: number, now = Date.now()): { token: string; code: string; slot: number; expiresAt: Date } {
    const slot = QrTokens.slotAt(now);
    return {
      token: `${activityId}.${slot}.${this.mac(activityId, slot).toString('base64url')}`,
      code: this.code(activityId, slot),
      slot,
      expiresAt: new Date((slot + 1) * QR_SLOT_SECONDS * 1000),
    };
  }

  verify(token: string, activityId: number, now = Date.now()): QrVerdict {
    if (/^\d{6}$/.test(token)) return this.verifyCode(token, activityId, now);
    const m = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!m) return { ok: false, reason: 'qr_token_invalid' };
    const [tokenActivity, slot] = [Number(m[1]), Number(m[2])];
    const given = Buffer.from(m[3], 'base64url');
    const expected = this.mac(tokenActivity, slot);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'qr_token_invalid' };
    if (tokenActivity !== activityId) return { ok: false, reason: 'qr_token_wrong_activity' };
    const current = QrTokens.slotAt(now);
    if (slot > current) return { ok: false, reason: 'qr_token_invalid' };
    if (slot < current - 1) return { ok: false, reason: 'qr_token_expired' };
    return { ok: true, slot };
  }

  private verifyCode(code: string, activityId: number, now: number): QrVerdict {
    const current = QrTokens.slotAt(now);
    const given = Buffer.from(code);
    for (const slot of [current, current - 1]) {
      if (timingSafeEqual(given, Buffer.from(this.code(activityId, slot)))) return { ok: true, slot };
    }
    // An older slot's code is told apart only to say "expired" instead of "wrong".
    for (let slot = current - 2; slot >= current - 4; slot--) if (code === this.code(activityId, slot)) return { ok: false, reason: 'qr_token_expired' };
    return { ok: false, reason: 'qr_token_invalid' };
  }
}
