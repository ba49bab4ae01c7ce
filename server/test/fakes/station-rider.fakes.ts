import { StationFavoritesService } from '../../src/modules/stations/station-favorites.service';
import { inlineTx } from './activities.fakes';
import type { StationConfirmation } from '../../src/modules/stations/station-confirmation.entity';
import type { StationFeedback } from '../../src/modules/stations/station-feedback.entity';
import type { StationsRepository } from '../../src/modules/stations/stations.repository';
import type { ConfirmationFields, ServiceFields, StationRiderRepository } from '../../src/modules/stations/station-rider.repository';
import type { StationServiceSession } from '../../src/modules/stations/station-service-session.entity';
import { nextId } from '../factories/sequence';
import type { FakeStationsRepository } from './stations.fakes';

/**
 * Confirmations, stars, service sessions and sign-ups in memory, as the rider repository keeps them. `now` stamps
 * new rows (a spec moves it to test the 6-hour and 24-hour windows); the station rows live in the stations fake.
 */
export class FakeStationRiderRepository {
  readonly confirmations: StationConfirmation[] = [];
  readonly favorites: Array<{ userId: number; stationId: number }> = [];
  readonly feedback: StationFeedback[] = [];
  readonly services: StationServiceSession[] = [];
  readonly signups: Array<{ serviceId: number; userId: number }> = [];
  now = new Date('2026-11-23T02:00:00.000Z');

  constructor(private readonly stations: FakeStationsRepository) {}

  async latestConfirmationBy(_m: unknown, userId: number, stationId: number, since: Date) {
    return this.confirmations.filter((c) => c.userId === userId && c.stationId === stationId && c.createdAt >= since).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  }
  async insertConfirmation(_m: unknown, f: ConfirmationFields) {
    const row = { ...f, id: nextId('confirmation'), pointsAwarded: 0, createdAt: this.now } as StationConfirmation;
    this.confirmations.push(row);
    return { ...row };
  }
  async setPointsAwarded(_m: unknown, id: number, points: number) {
    this.confirmations.find((c) => c.id === id)!.pointsAwarded = points;
  }
  async closedWhenOpenReporters(_m: unknown, stationId: number, since: Date) {
    return [...new Set(this.confirmations.filter((c) => c.stationId === stationId && c.closedWhenOpen && c.createdAt >= since).map((c) => c.userId))];
  }
  async stampConfirmed(_m: unknown, stationId: number, at: Date) {
    this.stations.write(stationId, { lastConfirmedAt: at });
  }
  async touchStation(_m: unknown, stationId: number) {
    this.stations.write(stationId, {});
  }
  async lockStation() {}
  async lockService() {}
  async hasOpenHighPriorityFeedback(_m: unknown, stationId: number) {
    return this.feedback.some((f) => f.stationId === stationId && f.status === 'open' && f.priority === 'high');
  }
  async insertHighPriorityFeedback(_m: unknown, f: { stationId: number; userId: number; note: string }) {
    const row = { ...f, id: nextId('feedback'), type: 'closed_when_open', status: 'open', priority: 'high', resolution: null, resolutionNote: null, resolvedById: null, resolvedAt: null, createdAt: this.now } as StationFeedback;
    this.feedback.push(row);
    return row;
  }
  async latestConfirmationOf(stationId: number) {
    return this.confirmations.filter((c) => c.stationId === stationId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)[0] ?? null;
  }
  async favoriteIds(userId: number) {
    return this.favorites.filter((f) => f.userId === userId).map((f) => f.stationId);
  }
  async isFavorite(userId: number, stationId: number) {
    return this.favorites.some((f) => f.userId === userId && f.stationId === stationId);
  }
  async countFavorites(_m: unknown, userId: number) {
    return this.favorites.filter((f) => f.userId === userId).length;
  }
  async addFavorite(_m: unknown, userId: number, stationId: number) {
    if (!(await this.isFavorite(userId, stationId))) this.favorites.push({ userId, stationId });
  }
  async removeFavorite(userId: number, stationId: number) {
    const i = this.favorites.findIndex((f) => f.userId === userId && f.stationId === stationId);
    if (i >= 0) this.favorites.splice(i, 1);
  }
  async insertService(_m: unknown, f: ServiceFields) {
    const row = { ...f, id: nextId('service'), cancelledAt: null, createdAt: this.now } as StationServiceSession;
    this.services.push(row);
    return { ...row };
  }
  async findService(id: number) {
    const v = this.services.find((x) => x.id === id);
    return v ? { ...v, station: (await this.stations.findById(v.stationId)) ?? undefined } : null;
  }
  async cancelService(_m: unknown, id: number, at: Date) {
    const v = this.services.find((x) => x.id === id && x.cancelledAt === null);
    if (!v) return false;
    v.cancelledAt = at;
    return true;
  }
  async servicesOfStation(stationId: number, now: Date, withCancelled: boolean) {
    return this.services.filter((v) => v.stationId === stationId && v.endsAt > now && (withCancelled || v.cancelledAt === null)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }
  async signupCounts(ids: number[]) {
    return new Map(ids.map((id) => [id, this.signups.filter((g) => g.serviceId === id).length]));
  }
  async signedUpIds(userId: number, ids: number[]) {
    return new Set(this.signups.filter((g) => g.userId === userId && ids.includes(g.serviceId)).map((g) => g.serviceId));
  }
  async addSignup(_m: unknown, serviceId: number, userId: number) {
    if (this.signups.some((g) => g.serviceId === serviceId && g.userId === userId)) return false;
    this.signups.push({ serviceId, userId });
    return true;
  }
  async removeSignup(serviceId: number, userId: number) {
    const i = this.signups.findIndex((g) => g.serviceId === serviceId && g.userId === userId);
    if (i >= 0) this.signups.splice(i, 1);
  }
  async mySignedUpServices(userId: number, now: Date) {
    const mine = new Set(this.signups.filter((g) => g.userId === userId).map((g) => g.serviceId));
    return this.services.filter((v) => mine.has(v.id) && v.endsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }
  asRepository(): StationRiderRepository {
    return this as unknown as StationRiderRepository;
  }
}

/** The favourites service and rider repository StationsService needs, on fakes over the given stations fake. */
export function riderParts(stations: object): [StationFavoritesService, StationRiderRepository] {
  const rider = new FakeStationRiderRepository(stations as FakeStationsRepository);
  return [new StationFavoritesService(rider.asRepository(), stations as unknown as StationsRepository, inlineTx), rider.asRepository()];
}
