import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { clusterMarkers, type StationMapProps } from './types';
import './index.scss';

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
const TILE_URL = configuredTileUrl() || DEFAULT_TILE_URL;
/** Give up on the map when no tile arrives in this time, or when this many fail first. */
const TILE_TIMEOUT_MS = 8000;
const TILE_ERRORS_MAX = 4;

/** The H5 map: Leaflet with a configurable tile URL; reports itself unavailable when tiles cannot load. */
export default function StationMap({ center, markers, circles = [], me, onMarkerTap, onUnavailable, testId = 'station-map' }: StationMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const callbacks = useRef({ onMarkerTap, onUnavailable });
  callbacks.current = { onMarkerTap, onUnavailable };

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: false, attributionControl: false }).setView([center.lat, center.lng], 15);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    let loaded = 0;
    let failed = 0;
    let gaveUp = false;
    const giveUp = (reason: string) => {
      if (gaveUp) return;
      gaveUp = true;
      callbacks.current.onUnavailable?.(reason);
    };
    const tiles = L.tileLayer(TILE_URL, { subdomains: '1234', maxZoom: 18 });
    tiles.on('tileload', () => loaded++);
    tiles.on('tileerror', () => {
      failed++;
      if (!loaded && failed >= TILE_ERRORS_MAX) giveUp('tiles');
    });
    tiles.addTo(m);
    const timer = setTimeout(() => {
      if (!loaded) giveUp('tiles');
    }, TILE_TIMEOUT_MS);
    return () => {
      clearTimeout(timer);
      m.remove();
      map.current = null;
    };
    // The map is created once; later centre changes pan it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    map.current?.setView([center.lat, center.lng], map.current.getZoom());
  }, [center.lat, center.lng]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    const draw = () => {
      group.clearLayers();
      for (const c of circles) L.circle([c.lat, c.lng], { radius: c.radiusM, color: '#c8102e', weight: 1, fillOpacity: 0.25 }).bindTooltip(c.label ?? '').addTo(group);
      const clusters = clusterMarkers(markers, (p) => m.latLngToLayerPoint([p.lat, p.lng]), 48);
      for (const c of clusters) {
        if (c.items.length === 1) {
          const s = c.items[0];
          L.circleMarker([s.lat, s.lng], { radius: 9, color: '#fff', weight: 2, fillColor: s.open ? '#c8102e' : '#999', fillOpacity: 1 })
            .bindTooltip(s.title)
            .on('click', () => callbacks.current.onMarkerTap?.(s.id))
            .addTo(group);
        } else {
          L.marker([c.lat, c.lng], { icon: L.divIcon({ className: 'station-map__cluster', html: String(c.items.length), iconSize: [32, 32] }) })
            .on('click', () => m.setView([c.lat, c.lng], m.getZoom() + 2))
            .addTo(group);
        }
      }
      if (me) L.circleMarker([me.lat, me.lng], { radius: 7, color: '#fff', weight: 2, fillColor: '#1677ff', fillOpacity: 1 }).addTo(group);
    };
    draw();
    m.on('zoomend', draw);
    return () => {
      m.off('zoomend', draw);
    };
  }, [markers, circles, me]);

  return <div ref={box} className='station-map' data-testid={testId} />;
}
