// The reference for bench/stations.bench.mjs: the nearby query as a MySQL shop would write it (POINT column with
// a SPATIAL index, MBRContains on the bounding box, ST_Distance_Sphere to rank) behind a bare node:http server.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const require = createRequire(join(ROOT, 'server/package.json'));
const mysql = require('mysql2/promise');
const pool = mysql.createPool({ uri: process.env.REF_DATABASE_URL, connectionLimit: 20, waitForConnections: true });
const M_PER_DEG_LAT = 111_195.08;
const SQL = `SELECT id, name, kind, lat, lng, amenities, address, ST_Distance_Sphere(pt, ST_GeomFromText(?, 4326)) AS d
  FROM station_ref WHERE MBRContains(ST_GeomFromText(?, 4326), pt) HAVING d <= ? ORDER BY d LIMIT ?`;

const server = createServer(async (req, res) => {
  try {
    const u = new URL(req.url, 'http://x');
    const lat = Number(u.searchParams.get('lat'));
    const lng = Number(u.searchParams.get('lng'));
    const radius = Number(u.searchParams.get('radius') ?? 1000);
    const limit = Number(u.searchParams.get('limit') ?? 20);
    const dLat = radius / M_PER_DEG_LAT;
    const dLng = radius / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
    const box = `POLYGON((${lng - dLng} ${lat - dLat},${lng + dLng} ${lat - dLat},${lng + dLng} ${lat + dLat},${lng - dLng} ${lat + dLat},${lng - dLng} ${lat - dLat}))`;
    const [rows] = await pool.execute(SQL, [`POINT(${lng} ${lat})`, box, radius, String(limit)]);
    const items = rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, lat: r.lat, lng: r.lng, distanceM: Math.round(r.d), amenities: JSON.parse(r.amenities), address: r.address }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items }));
  } catch (e) {
    res.writeHead(500);
    res.end(String(e.message));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
