import type { LatLng } from '@xjy/shared/geo';

export interface PointPickerProps {
  /** The point shown, GCJ-02. */
  value: LatLng;
  /** A tap on the map or a dragged pin, GCJ-02 like the map. */
  onChange: (point: LatLng) => void;
  /** The map cannot show (no tiles): the page keeps the point it had and says so. */
  onUnavailable: (reason: string) => void;
  testId?: string;
}
