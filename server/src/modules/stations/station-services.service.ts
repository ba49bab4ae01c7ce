import { Injectable } from '@nestjs/common';
import {
  CreateStationServiceRequest,
  MyStationServiceResponse,
  STATION_SERVICE_HOURS_MAX,
  STATION_SERVICE_REMIND_H,
  StationServiceResponse,
} from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { StationIndexService } from './station-index.service';
import { StationRiderRepository } from './station-rider.repository';
import type { StationServiceSession } from './station-service-session.entity';
import { StationsRepository } from './stations.repository';

const HOUR_MS = 3_600_000;

/**
 * Service sessions staff bring into stations (法律咨询, 心理辅导, 政策宣讲…). The next one shows on the station and its
 * nearby item (through the index); workers sign up, and their sign-ups starting within a day are their reminders.
 */
@Injectable()
export class StationServicesService {
  constructor(
    private readonly stations: StationsRepository,
    private readonly rider: StationRiderRepository,
    private readonly index: StationIndexService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(auth: AuthContext, stationId: number, dto: CreateStationServiceRequest): Promise<StationServiceResponse> {
    const s = await this.stations.findById(stationId);
    if (!s) throw new AppException('station_not_found');
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (startsAt.getTime() <= Date.now()) throw fieldError('station_service_in_past', 'startsAt', '开始时间须在将来');
    if (endsAt <= startsAt) throw fieldError('station_service_in_past', 'endsAt', '结束时间须晚于开始时间');
    if (endsAt.getTime() - startsAt.getTime() > STATION_SERVICE_HOURS_MAX * HOUR_MS) throw fieldError('validation_failed', 'endsAt', `一次服务最长 ${STATION_SERVICE_HOURS_MAX} 小时`);
    const saved = await this.tx.run(async (m) => {
      const row = await this.rider.insertService(m, {
        stationId,
        kind: dto.kind,
        startsAt,
        endsAt,
        host: dto.host.trim(),
        note: dto.note?.trim() ?? '',
        capacity: dto.capacity ?? null,
        createdById: auth.userId,
      });
      await this.rider.touchStation(m, stationId);
      return row;
    });
    await this.index.refresh([stationId]);
    saved.station = s;
    return mapService(saved, 0, false);
  }

  async cancel(id: number): Promise<StationServiceResponse> {
    const v = await this.require(id);
    const done = await this.tx.run(async (m) => {
      const ok = await this.rider.cancelService(m, id, new Date());
      if (ok) await this.rider.touchStation(m, v.stationId);
      return ok;
    });
    if (!done) throw new AppException('station_service_cancelled');
    await this.index.refresh([v.stationId]);
    return this.one(id, null);
  }

  /** Sessions at a station not yet ended, soonest first; staff also see the cancelled ones. */
  async ofStation(auth: AuthContext, stationId: number, withCancelled: boolean): Promise<StationServiceResponse[]> {
    const s = await this.stations.findById(stationId);
    if (!s || (s.status !== 'active' && !withCancelled)) throw new AppException('station_not_found');
    return this.withCounts(auth.userId, await this.rider.servicesOfStation(stationId, new Date(), withCancelled));
  }

  async signUp(auth: AuthContext, id: number): Promise<StationServiceResponse> {
    const v = await this.require(id);
    // A suspended station's sessions are gone for riders, as the station is.
    if (v.station?.status !== 'active') throw new AppException('station_service_not_found');
    if (v.cancelledAt) throw new AppException('station_service_cancelled');
    if (v.endsAt.getTime() <= Date.now()) throw new AppException('station_service_in_past');
    await this.tx.run(async (m) => {
      await this.rider.lockService(m, id);
      if (v.capacity !== null) {
        const taken = (await this.rider.signupCounts([id], m)).get(id) ?? 0;
        if (taken >= v.capacity && !(await this.rider.signedUpIds(auth.userId, [id])).has(id)) throw new AppException('station_service_full');
      }
      await this.rider.addSignup(m, id, auth.userId);
    });
    return this.one(id, auth.userId);
  }

  async withdraw(auth: AuthContext, id: number): Promise<StationServiceResponse> {
    await this.require(id);
    await this.rider.removeSignup(id, auth.userId);
    return this.one(id, auth.userId);
  }

  /** 我的服务预约: sign-ups for sessions not yet ended; those starting within a day are flagged as reminders. */
  async mine(auth: AuthContext): Promise<MyStationServiceResponse[]> {
    const now = Date.now();
    const list = await this.withCounts(auth.userId, await this.rider.mySignedUpServices(auth.userId, new Date(now)));
    return list.map((v) => ({ ...v, remindNow: !v.cancelled && Date.parse(v.startsAt) - now <= STATION_SERVICE_REMIND_H * HOUR_MS }));
  }

  private async require(id: number): Promise<StationServiceSession> {
    const v = await this.rider.findService(id);
    if (!v) throw new AppException('station_service_not_found');
    return v;
  }

  private async one(id: number, userId: number | null): Promise<StationServiceResponse> {
    const v = await this.require(id);
    const [counts, mine] = await Promise.all([this.rider.signupCounts([id]), userId === null ? Promise.resolve(new Set<number>()) : this.rider.signedUpIds(userId, [id])]);
    return mapService(v, counts.get(id) ?? 0, mine.has(id));
  }

  private async withCounts(userId: number, rows: StationServiceSession[]): Promise<StationServiceResponse[]> {
    const ids = rows.map((r) => r.id);
    const [counts, mine] = await Promise.all([this.rider.signupCounts(ids), this.rider.signedUpIds(userId, ids)]);
    return rows.map((r) => mapService(r, counts.get(r.id) ?? 0, mine.has(r.id)));
  }
}

export function mapService(v: StationServiceSession, signups: number, signedUp: boolean): StationServiceResponse {
  return {
    id: v.id,
    stationId: v.stationId,
    stationName: v.station?.name ?? '',
    kind: v.kind,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    host: v.host,
    note: v.note,
    capacity: v.capacity,
    signups,
    signedUp,
    cancelled: v.cancelledAt !== null,
  };
}
