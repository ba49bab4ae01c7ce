import { useEffect, useState, type ComponentType } from 'react';
import type { StationMapProps } from './types';
import './index.scss';

type MapImpl = ComponentType<StationMapProps>;
let loading: Promise<MapImpl> | null = null;

/** Leaflet (about 40 KB compressed) is fetched the first time a map is shown, never with the app's first load. */
export function loadLeafletMap(): Promise<MapImpl> {
  loading ??= import(/* webpackChunkName: "leaflet-map" */ './leaflet-map').then((m) => m.default);
  // A failed fetch (offline) is not remembered: the next map shown tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** The H5 map: a same-sized placeholder while the map library loads, then the Leaflet map. */
export default function StationMap(props: StationMapProps) {
  const [Impl, setImpl] = useState<{ C: MapImpl } | null>(null);
  const { onUnavailable } = props;
  useEffect(() => {
    let alive = true;
    loadLeafletMap().then(
      (C) => alive && setImpl({ C }),
      () => alive && onUnavailable?.('library'),
    );
    return () => {
      alive = false;
    };
    // Loaded once per mount; a new onUnavailable does not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!Impl) return <div className='station-map station-map--loading' role='img' aria-label='地图加载中' aria-busy='true' data-testid={`${props.testId ?? 'station-map'}-loading`} />;
  return <Impl.C {...props} />;
}
