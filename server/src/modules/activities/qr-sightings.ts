import { Injectable } from '@nestjs/common';
import { QR_SLOT_SECONDS } from '@xjy/shared';

const KEEP_MS = 10 * QR_SLOT_SECONDS * 1000;
const MAX_ENTRIES = 20_000;

/**
 * When each check-in code (activity and slot) was first shown on a staff screen, as this instance served it. A
 * request that arrives well after its code was first shown and after the screen moved on looks relayed. Another
 * instance may have served the screen: then nothing is known here and nothing is flagged.
 */
@Injectable()
export class QrSightings {
  private readonly firstShown = new Map<string, number>();

  shown(activityId: number, slot: number, at = Date.now()): void {
    const key = `${activityId}:${slot}`;
    if (this.firstShown.has(key)) return;
    if (this.firstShown.size >= MAX_ENTRIES) this.prune(at);
    this.firstShown.set(key, at);
  }

  firstShownAt(activityId: number, slot: number): number | null {
    return this.firstShown.get(`${activityId}:${slot}`) ?? null;
  }

  private prune(now: number): void {
    for (const [k, at] of this.firstShown) if (now - at > KEEP_MS) this.firstShown.delete(k);
    // Still full of fresh entries (a flood of screens): drop the oldest half rather than grow.
    if (this.firstShown.size >= MAX_ENTRIES) [...this.firstShown.keys()].slice(0, MAX_ENTRIES / 2).forEach((k) => this.firstShown.delete(k));
  }
}
