import { Inject, Injectable } from '@nestjs/common';
import {
  compileHours,
  haversineM,
  openingState,
  parseClosures,
  startOfChinaDay,
  STATION_CLOSED_ESCALATION_H,
  STATION_CONFIRM_COOLDOWN_H,
  STATION_CONFIRM_RADIUS_M,
  StationConfirmationRequest,
  StationConfirmationResponse,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner, UnitOfWork } from '../../database/transaction.runner';
import { PointsLedger } from '../points/points-ledger.repository';
import type { StationConfirmation } from './station-confirmation.entity';
import { StationIndexService } from './station-index.service';
import { StationRiderRepository } from './station-rider.repository';
import { STATIONS_CONFIG, StationsConfig } from './stations.config';
import { StationsRepository } from './stations.repository';

const HOUR_MS = 3_600_000;
export const ESCALATION_NOTE = '两位骑手在一天内确认该站点按营业时间应开放，但实际关门';

/**
 * A rider's three-tap confirmation of a station. Everything for one confirmation happens in one transaction under the
 * worker's balance lock: the 6-hour check, the row, the points (through the ledger, within their own daily cap), the
 * station's freshness and, for "closed when it should be open", the escalation to staff.
 */
@Injectable()
export class StationConfirmationsService {
  constructor(
    private readonly stations: StationsRepository,
    private readonly rider: StationRiderRepository,
    private readonly index: StationIndexService,
    private readonly ledger: PointsLedger,
    private readonly tx: TransactionRunner,
    @Inject(STATIONS_CONFIG) private readonly config: StationsConfig,
  ) {}

  async confirm(auth: AuthContext, stationId: number, dto: StationConfirmationRequest): Promise<StationConfirmationResponse> {
    const s = await this.stations.findById(stationId);
    if (!s || s.status !== 'active') throw new AppException('station_not_found');
    const distanceM = Math.round(haversineM({ lat: dto.lat, lng: dto.lng }, s));
    if (distanceM > STATION_CONFIRM_RADIUS_M) throw new AppException('station_confirm_too_far', { distanceM, radiusM: STATION_CONFIRM_RADIUS_M });
    const now = new Date();
    const shouldBeOpen = openingState(compileHours(s.hours), parseClosures(s.closures), now.getTime()).openNow;
    const closedWhenOpen = !dto.open && shouldBeOpen;
    const userId = auth.userId;
    const { row, escalated } = await this.tx.run(async (m) => {
      await this.ledger.lockBalance(m, userId);
      const last = await this.rider.latestConfirmationBy(m, userId, stationId, new Date(now.getTime() - STATION_CONFIRM_COOLDOWN_H * HOUR_MS));
      if (last) {
        const retryInMinutes = Math.max(1, Math.ceil((last.createdAt.getTime() + STATION_CONFIRM_COOLDOWN_H * HOUR_MS - now.getTime()) / 60_000));
        throw new AppException('station_confirm_too_soon', { retryInMinutes, lastConfirmedAt: last.createdAt.toISOString() });
      }
      const saved = await this.rider.insertConfirmation(m, { stationId, userId, lat: dto.lat, lng: dto.lng, distanceM, open: dto.open, water: dto.water, charging: dto.charging, closedWhenOpen });
      saved.pointsAwarded = await this.award(m, saved, now);
      await this.rider.stampConfirmed(m, stationId, now);
      return { row: saved, escalated: closedWhenOpen ? await this.escalate(m, stationId, userId, now) : false };
    });
    await this.index.refresh([stationId]);
    return mapConfirmation(row, escalated);
  }

  /** Points within the confirmation points' own daily cap; the ledger's key makes a repeat of this row a no-op. */
  private async award(m: UnitOfWork, row: StationConfirmation, now: Date): Promise<number> {
    const today = await this.ledger.sumSince(m, row.userId, ['station_confirmed'], startOfChinaDay(now));
    const delta = Math.max(0, Math.min(this.config.confirmPoints, this.config.confirmPointsDailyCap - today));
    const res = await this.ledger.record(m, { userId: row.userId, delta, reason: 'station_confirmed', sourceType: 'station_confirm', sourceId: row.id, actorId: null });
    await this.rider.setPointsAwarded(m, row.id, res.entry.delta);
    return res.entry.delta;
  }

  /**
   * Two workers finding the station closed when its hours say open, within a day: one high-priority item for staff
   * (none while one is still open). The station lock makes two such confirmations at once decide one after the other.
   */
  private async escalate(m: UnitOfWork, stationId: number, userId: number, now: Date): Promise<boolean> {
    await this.rider.lockStation(m, stationId);
    const reporters = await this.rider.closedWhenOpenReporters(m, stationId, new Date(now.getTime() - STATION_CLOSED_ESCALATION_H * HOUR_MS));
    if (reporters.length < 2 || (await this.rider.hasOpenHighPriorityFeedback(m, stationId))) return false;
    await this.rider.insertHighPriorityFeedback(m, { stationId, userId, note: ESCALATION_NOTE });
    return true;
  }

  /** Staff checked the station themselves: it counts as confirmed now. */
  async verify(stationId: number): Promise<void> {
    const s = await this.stations.findById(stationId);
    if (!s) throw new AppException('station_not_found');
    await this.tx.run((m) => this.rider.stampConfirmed(m, stationId, new Date()));
    await this.index.refresh([stationId]);
  }
}

export function mapConfirmation(c: StationConfirmation, escalated: boolean): StationConfirmationResponse {
  return {
    id: c.id,
    stationId: c.stationId,
    distanceM: c.distanceM,
    open: c.open,
    water: c.water,
    charging: c.charging,
    pointsAwarded: c.pointsAwarded,
    escalated,
    createdAt: c.createdAt.toISOString(),
  };
}
