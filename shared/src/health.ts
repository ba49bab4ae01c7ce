export interface HealthResponse {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  driver: 'mysql' | 'embedded';
  uptimeS: number;
}
