import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { addBaseTiles } from '../../utils/leaflet-tiles';
import { mapText } from '../../utils/leaflet-text';
import type { PointPickerProps } from './types';
import './index.scss';

/** Close enough to place a report on the right side of a street. */
const ZOOM = 17;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** In a browser: a Leaflet map with a pin; tapping the map moves the pin there, and the pin can be dragged. */
export default function PointPicker({ value, onChange, onUnavailable, testId = 'point-picker' }: PointPickerProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pin = useRef<L.Marker | null>(null);
  const callbacks = useRef({ onChange, onUnavailable });
  callbacks.current = { onChange, onUnavailable };

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: true, attributionControl: false }).setView([value.lat, value.lng], ZOOM);
    map.current = m;
    // A drawn pin rather than Leaflet's default image, whose URL the bundler would have to rewrite; its tip (the
    // rotated square's corner, 14·√2 below the centre) is the anchor.
    const icon = L.divIcon({ className: 'point-picker__pin', html: mapText(''), iconSize: [28, 28], iconAnchor: [14, 34] });
    const marker = L.marker([value.lat, value.lng], { icon, draggable: true, autoPan: true }).addTo(m);
    pin.current = marker;
    const choose = (at: L.LatLng) => {
      const p = at.wrap();
      callbacks.current.onChange({ lat: round6(p.lat), lng: round6(p.lng) });
    };
    m.on('click', (e: L.LeafletMouseEvent) => {
      marker.setLatLng(e.latlng);
      choose(e.latlng);
    });
    marker.on('dragend', () => choose(marker.getLatLng()));
    const stopTiles = addBaseTiles(m, (reason) => callbacks.current.onUnavailable(reason));
    return () => {
      stopTiles();
      m.remove();
      map.current = null;
      pin.current = null;
    };
    // Created once; the point is kept in step below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A point set from outside (a new fix, or our own choice coming back) moves the pin and keeps it in view.
  useEffect(() => {
    const m = map.current;
    const marker = pin.current;
    if (!m || !marker) return;
    const here = marker.getLatLng();
    if (round6(here.lat) !== value.lat || round6(here.lng) !== value.lng) marker.setLatLng([value.lat, value.lng]);
    if (!m.getBounds().pad(-0.1).contains([value.lat, value.lng])) m.panTo([value.lat, value.lng]);
  }, [value.lat, value.lng]);

  return <div ref={box} className='point-picker' data-testid={testId} />;
}
