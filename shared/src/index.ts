export * from './enums.js';
export * from './errors.js';
export * from './limits.js';
export * from './geo.js';
export * from './auth.js';
export * from './area.js';
export * from './staff.js';
export * from './health.js';
