export * from './auth';
export * from './entities';
export * from './in-memory';
export * from './sequence';
