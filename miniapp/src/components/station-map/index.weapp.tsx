import { Map, type MapProps } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import closedIcon from '../../assets/map/station-closed.png';
import openIcon from '../../assets/map/station-open.png';
import { rectCorners, type StationMapProps } from './types';
import './index.scss';

const MAP_ID = 'station-map';

/** The mini-program map: WeChat's own map component (GCJ-02), with its native marker clustering. */
export default function StationMap({ center, markers, circles = [], rects = [], me, onMarkerTap, outline, onMapTap, testId = 'station-map' }: StationMapProps) {
  useEffect(() => {
    Taro.createMapContext(MAP_ID).initMarkerCluster({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 });
  }, []);
  const items = useMemo(
    () =>
      markers.map((s) => ({
        id: s.id,
        latitude: s.lat,
        longitude: s.lng,
        title: s.title,
        width: 28,
        height: 28,
        iconPath: (s.open ? openIcon : closedIcon) as string,
        joinCluster: true,
        callout: { content: s.title, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, borderWidth: 0, borderColor: '#ffffff', fontSize: 14, color: '#333333', bgColor: '#ffffff', anchorX: 0, anchorY: 0, textAlign: 'center' as const },
      })),
    [markers],
  );
  const rings = useMemo(
    () => circles.map((c) => ({ latitude: c.lat, longitude: c.lng, radius: c.radiusM, color: '#c8102eaa', fillColor: '#c8102e33', strokeWidth: 1 })),
    [circles],
  );
  // No stroke: the blocks of one gap share edges, and outlines would draw the grid instead of the area.
  const shapes = useMemo<MapProps.polygon[]>(
    () => rects.map((r) => ({ points: rectCorners(r).map((p) => ({ latitude: p.lat, longitude: p.lng })), strokeWidth: 0, strokeColor: '#c8102e00', fillColor: '#c8102e59', zIndex: 1 })),
    [rects],
  );
  // A shape being drawn: filled from three vertices on, a line before that.
  const drawn = useMemo(() => (outline ?? []).map((p) => ({ latitude: p.lat, longitude: p.lng })), [outline]);
  const outlineShapes = drawn.length >= 3 ? [{ points: drawn, strokeWidth: 2, strokeColor: '#1d4ed8', fillColor: '#1d4ed826', zIndex: 2 }] : [];
  const outlineLines = drawn.length === 2 ? [{ points: drawn, color: '#1d4ed8', width: 2 }] : [];
  return (
    <Map
      id={MAP_ID}
      className='station-map'
      data-testid={testId}
      latitude={center.lat}
      longitude={center.lng}
      scale={15}
      markers={items as MapProps.marker[]}
      circles={rings}
      polygons={[...shapes, ...outlineShapes]}
      polyline={outlineLines}
      showLocation={Boolean(me)}
      onMarkerTap={(e) => onMarkerTap?.(Number(e.detail.markerId))}
      onTap={(e) => {
        const d = e.detail as { latitude?: number; longitude?: number };
        if (onMapTap && d.latitude !== undefined && d.longitude !== undefined) onMapTap({ lat: d.latitude, lng: d.longitude });
      }}
      onError={() => undefined}
    />
  );
}
