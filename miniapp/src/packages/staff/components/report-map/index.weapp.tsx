import { Map } from '@tarojs/components';

/** Where the report is, on WeChat's map (GCJ-02, as the report's coordinates are). */
export default function ReportMap({ lat, lng }: { lat: number; lng: number }) {
  return (
    <Map
      style={{ width: '100%', height: '360px' }}
      latitude={lat}
      longitude={lng}
      scale={17}
      markers={[{ id: 1, latitude: lat, longitude: lng, width: 30, height: 40, iconPath: '' }]}
      onError={() => undefined}
    />
  );
}
