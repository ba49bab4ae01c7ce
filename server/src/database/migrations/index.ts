import { Foundation1763769600000 } from './1763769600000-foundation';
import { PointsLedger1763856000000 } from './1763856000000-points-ledger';

/** In order; never edit a migration that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1763769600000, PointsLedger1763856000000];
