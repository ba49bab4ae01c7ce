import { STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT, STATION_CONFIRM_POINTS_DEFAULT, STATION_CONFIRM_STALE_DAYS_DEFAULT } from '@xjy/shared';

/** Settings of the rider confirmations, from the environment (defaults in shared/src/station.ts). */
export interface StationsConfig {
  /** Points per confirmation. */
  confirmPoints: number;
  /** Most confirmation points per worker per China-time day. */
  confirmPointsDailyCap: number;
  /** A station not confirmed for this many days is 待确认. */
  staleDays: number;
}

export const STATIONS_CONFIG = Symbol('STATIONS_CONFIG');

export const DEFAULT_STATIONS_CONFIG: StationsConfig = {
  confirmPoints: STATION_CONFIRM_POINTS_DEFAULT,
  confirmPointsDailyCap: STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT,
  staleDays: STATION_CONFIRM_STALE_DAYS_DEFAULT,
};

/** Reads STATION_CONFIRM_POINTS, STATION_CONFIRM_POINTS_DAILY_CAP and STATION_CONFIRM_STALE_DAYS; a bad value stops the start. */
export function loadStationsConfig(env: NodeJS.ProcessEnv): StationsConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  return {
    confirmPoints: int('STATION_CONFIRM_POINTS', DEFAULT_STATIONS_CONFIG.confirmPoints, 0, 100),
    confirmPointsDailyCap: int('STATION_CONFIRM_POINTS_DAILY_CAP', DEFAULT_STATIONS_CONFIG.confirmPointsDailyCap, 0, 1000),
    staleDays: int('STATION_CONFIRM_STALE_DAYS', DEFAULT_STATIONS_CONFIG.staleDays, 1, 3650),
  };
}
