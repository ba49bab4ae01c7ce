import { render } from '@testing-library/react';
import type { MapProps } from '@tarojs/components';
import StationMap from './index.weapp';

// WeChat's map only exists in the mini-program: the stand-in keeps the props the page hands it.
const shown: { props: MapProps | null } = { props: null };
jest.mock('@tarojs/components', () => ({
  Map: (props: MapProps) => {
    shown.props = props;
    return null;
  },
}));

describe('StationMap (weapp)', () => {
  it('hands WeChat one borderless polygon per rectangle, corners counter-clockwise from the south-west', () => {
    render(<StationMap center={{ lat: 38.3435, lng: 114.6839 }} markers={[]} rects={[{ minLat: 38.342, minLng: 114.681, maxLat: 38.344, maxLng: 114.683 }]} circles={[{ lat: 38.35, lng: 114.69, radiusM: 120 }]} />);
    expect(shown.props?.polygons).toEqual([
      {
        points: [
          { latitude: 38.342, longitude: 114.681 },
          { latitude: 38.342, longitude: 114.683 },
          { latitude: 38.344, longitude: 114.683 },
          { latitude: 38.344, longitude: 114.681 },
        ],
        strokeWidth: 0,
        strokeColor: '#c8102e00',
        fillColor: '#c8102e59',
        zIndex: 1,
      },
    ]);
    expect(shown.props?.circles).toEqual([expect.objectContaining({ latitude: 38.35, longitude: 114.69, radius: 120 })]);
  });
});
