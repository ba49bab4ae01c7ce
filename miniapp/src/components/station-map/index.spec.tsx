import { render, screen, waitFor } from '@testing-library/react';
import StationMap from './index';

const CENTER = { lat: 38.3435, lng: 114.6839 };

jest.mock('./leaflet-map', () => ({
  __esModule: true,
  default: ({ testId = 'station-map', markers }: { testId?: string; markers: unknown[] }) => <div data-testid={testId}>{markers.length} markers</div>,
}));

describe('StationMap (H5 wrapper)', () => {
  it('shows a labelled placeholder of the map while the map library loads, then the map', async () => {
    render(<StationMap center={CENTER} markers={[{ id: 1, lat: 38.344, lng: 114.684, title: '驿站', open: true }]} />);
    const placeholder = screen.getByTestId('station-map-loading');
    expect(placeholder).toHaveAttribute('aria-label', '地图加载中');
    await waitFor(() => expect(screen.getByTestId('station-map')).toHaveTextContent('1 markers'));
    expect(screen.queryByTestId('station-map-loading')).not.toBeInTheDocument();
  });
});
