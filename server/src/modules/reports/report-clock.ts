import { Injectable } from '@nestjs/common';

/**
 * The time the closed loop runs on: every deadline, lateness and escalation reads it, so a test can move it (spy on
 * now()) and walk a case past each stage's deadline without waiting.
 */
@Injectable()
export class ReportClock {
  now(): Date {
    return new Date();
  }
}

/** For services built by hand (unit specs) that were given no clock. */
export const SYSTEM_CLOCK = new ReportClock();
