import { Foundation1763769600000 } from './1763769600000-foundation';

/** In order; never edit a migration that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1763769600000];
