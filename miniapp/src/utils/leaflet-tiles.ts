import L from 'leaflet';

// Amap's road tiles are drawn in GCJ-02, the system every coordinate here uses. Deployments without internet
// point TARO_APP_TILE_URL at their own tile server.
const DEFAULT_TILE_URL = 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';

/** Taro replaces process.env.TARO_APP_TILE_URL at build time only when it is set; unset, `process` is undefined in a browser. */
function configuredTileUrl(): string | undefined {
  try {
    return process.env.TARO_APP_TILE_URL;
  } catch {
    return undefined;
  }
}
export const TILE_URL = configuredTileUrl() || DEFAULT_TILE_URL;
/** Give up on the map when no tile arrives in this time, or when this many fail first. */
export const TILE_TIMEOUT_MS = 8000;
export const TILE_ERRORS_MAX = 4;

/**
 * The H5 maps' base layer (only the h5 map components import this). Calls `onUnavailable('tiles')` once when no
 * tile has loaded within TILE_TIMEOUT_MS or TILE_ERRORS_MAX tiles failed first; returns the cleanup.
 */
export function addBaseTiles(map: L.Map, onUnavailable: (reason: string) => void): () => void {
  let loaded = 0;
  let failed = 0;
  let gaveUp = false;
  const giveUp = () => {
    if (gaveUp) return;
    gaveUp = true;
    onUnavailable('tiles');
  };
  const tiles = L.tileLayer(TILE_URL, { subdomains: '1234', maxZoom: 18 });
  tiles.on('tileload', () => loaded++);
  tiles.on('tileerror', () => {
    failed++;
    if (!loaded && failed >= TILE_ERRORS_MAX) giveUp();
  });
  tiles.addTo(map);
  const timer = setTimeout(() => {
    if (!loaded) giveUp();
  }, TILE_TIMEOUT_MS);
  return () => {
    gaveUp = true;
    clearTimeout(timer);
  };
}
