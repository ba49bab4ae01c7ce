import type { LatLng } from '@xjy/shared/geo';

export interface MapMarker {
  id: number;
  lat: number;
  lng: number;
  title: string;
  open: boolean;
}

export interface MapCircle {
  lat: number;
  lng: number;
  radiusM: number;
  label?: string;
}

export interface StationMapProps {
  center: LatLng;
  markers: MapMarker[];
  /** Areas to draw (coverage gaps), as circles of the given radius. */
  circles?: MapCircle[];
  /** The user's own position, when known. */
  me?: LatLng | null;
  onMarkerTap?: (id: number) => void;
  /** The map cannot show (no tiles, no map library): the page falls back to its list. */
  onUnavailable?: (reason: string) => void;
  testId?: string;
}

/** Markers closer than `cellPx` on screen merge into one with a count, so a dense street stays readable. */
export function clusterMarkers<T extends { lat: number; lng: number }>(points: T[], project: (p: T) => { x: number; y: number }, cellPx: number): Array<{ lat: number; lng: number; items: T[] }> {
  const cells = new Map<string, { lat: number; lng: number; items: T[] }>();
  for (const p of points) {
    const { x, y } = project(p);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    const c = cells.get(key);
    if (c) {
      c.items.push(p);
      c.lat += (p.lat - c.lat) / c.items.length;
      c.lng += (p.lng - c.lng) / c.items.length;
    } else cells.set(key, { lat: p.lat, lng: p.lng, items: [p] });
  }
  return [...cells.values()];
}
