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

/** A rectangle to shade, e.g. a block of uncovered coverage cells (GCJ-02 corners). */
export interface MapRect {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
  label?: string;
}

export interface StationMapProps {
  center: LatLng;
  markers: MapMarker[];
  /** Areas to draw as circles of the given radius (coverage gaps sent without their cells). */
  circles?: MapCircle[];
  /** Areas to draw as shaded rectangles, without outlines so adjacent ones read as one area (coverage gap cells). */
  rects?: MapRect[];
  /** The user's own position, when known. */
  me?: LatLng | null;
  onMarkerTap?: (id: number) => void;
  /** A shape being drawn (an area boundary, GCJ-02): its vertices in order, joined and, from three on, filled. */
  outline?: LatLng[];
  /** A tap on the map itself (not a marker), rounded to 6 decimals, GCJ-02 like the tiles; double-tap zoom is off then. */
  onMapTap?: (at: LatLng) => void;
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

/** A rectangle's corners for a polygon, counter-clockwise from the south-west. */
export function rectCorners(r: MapRect): LatLng[] {
  return [
    { lat: r.minLat, lng: r.minLng },
    { lat: r.minLat, lng: r.maxLng },
    { lat: r.maxLat, lng: r.maxLng },
    { lat: r.maxLat, lng: r.minLng },
  ];
}
