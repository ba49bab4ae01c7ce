import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { addBaseTiles } from '../../utils/leaflet-tiles';
import { mapText } from '../../utils/leaflet-text';
import { clusterMarkers, type StationMapProps } from './types';
import './index.scss';

const GAP_COLOUR = '#c8102e';
const OUTLINE_COLOUR = '#1d4ed8';
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The H5 map: Leaflet with a configurable tile URL; reports itself unavailable when tiles cannot load. */
export default function StationMap({ center, markers, circles = [], rects = [], me, onMarkerTap, outline, onMapTap, onUnavailable, testId = 'station-map' }: StationMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const areaLayer = useRef<L.LayerGroup | null>(null);
  const markerLayer = useRef<L.LayerGroup | null>(null);
  const outlineLayer = useRef<L.LayerGroup | null>(null);
  const callbacks = useRef({ onMarkerTap, onUnavailable, onMapTap });
  callbacks.current = { onMarkerTap, onUnavailable, onMapTap };
  const drawing = Boolean(onMapTap);

  useEffect(() => {
    if (!box.current) return;
    // While drawing, a double click is two vertices, not a zoom; the +/− buttons zoom instead. Nor does the map take
    // keyboard focus then: focusing it on the first mousedown scrolls Taro's page (Leaflet restores only the
    // window's scroll), which moved the first vertex away from where it was clicked.
    const m = L.map(box.current, { zoomControl: drawing, doubleClickZoom: !drawing, keyboard: !drawing, attributionControl: false }).setView([center.lat, center.lng], 15);
    map.current = m;
    // Areas (gaps) drawn under the markers; a shape being drawn on top.
    areaLayer.current = L.layerGroup().addTo(m);
    markerLayer.current = L.layerGroup().addTo(m);
    outlineLayer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => {
      const p = e.latlng.wrap();
      callbacks.current.onMapTap?.({ lat: round6(p.lat), lng: round6(p.lng) });
    });
    const stopTiles = addBaseTiles(m, (reason) => callbacks.current.onUnavailable?.(reason));
    return () => {
      stopTiles();
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
    const group = areaLayer.current;
    if (!group) return;
    group.clearLayers();
    for (const r of rects) {
      const shape = L.rectangle(
        [
          [r.minLat, r.minLng],
          [r.maxLat, r.maxLng],
        ],
        { stroke: false, fillColor: GAP_COLOUR, fillOpacity: 0.35 },
      );
      if (r.label) shape.bindTooltip(mapText(r.label), { sticky: true });
      shape.addTo(group);
    }
    for (const c of circles) L.circle([c.lat, c.lng], { radius: c.radiusM, color: GAP_COLOUR, weight: 1, fillOpacity: 0.25 }).bindTooltip(mapText(c.label ?? '')).addTo(group);
  }, [circles, rects]);

  useEffect(() => {
    const m = map.current;
    const group = markerLayer.current;
    if (!m || !group) return;
    const draw = () => {
      group.clearLayers();
      const clusters = clusterMarkers(markers, (p) => m.latLngToLayerPoint([p.lat, p.lng]), 48);
      for (const c of clusters) {
        if (c.items.length === 1) {
          const s = c.items[0];
          L.circleMarker([s.lat, s.lng], { radius: 9, color: '#fff', weight: 2, fillColor: s.open ? '#c8102e' : '#999', fillOpacity: 1 })
            .bindTooltip(mapText(s.title))
            .on('click', () => callbacks.current.onMarkerTap?.(s.id))
            .addTo(group);
        } else {
          L.marker([c.lat, c.lng], { icon: L.divIcon({ className: 'station-map__cluster', html: mapText(String(c.items.length)), iconSize: [32, 32] }) })
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
  }, [markers, me]);

  useEffect(() => {
    const group = outlineLayer.current;
    if (!group) return;
    group.clearLayers();
    const points = (outline ?? []).map((p): L.LatLngTuple => [p.lat, p.lng]);
    // Not interactive: a click on the shape or a vertex falls through to the map and adds the next vertex.
    if (points.length >= 3) L.polygon(points, { color: OUTLINE_COLOUR, weight: 2, fillOpacity: 0.15, interactive: false }).addTo(group);
    else if (points.length === 2) L.polyline(points, { color: OUTLINE_COLOUR, weight: 2, interactive: false }).addTo(group);
    for (const p of points) L.circleMarker(p, { radius: 5, color: '#fff', weight: 2, fillColor: OUTLINE_COLOUR, fillOpacity: 1, interactive: false }).addTo(group);
  }, [outline]);

  return <div ref={box} className={`station-map ${drawing ? 'station-map--drawing' : ''}`} data-testid={testId} />;
}
