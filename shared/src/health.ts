export interface HealthResponse {
  status: 'ok' | 'unavailable' | 'draining';
  db: 'up' | 'down';
  driver: 'mysql' | 'embedded';
  uptimeS: number;
}
