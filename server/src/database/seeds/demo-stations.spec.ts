import { pointInRing } from '@xjy/shared';
import { planDemoAreas } from './demo-areas';
import { nearestNeighbourM, planDemoStations } from './demo-stations';

describe('planDemoStations', () => {
  const stations = planDemoStations();
  const xinle = stations.filter((s) => s.areaCode.startsWith('130184'));

  it('is the same plan every run', () => {
    expect(planDemoStations()).toEqual(stations);
  });

  it('puts at least 150 stations in 新乐 and some in 石狮 and 曹县', () => {
    expect(xinle.length).toBeGreaterThanOrEqual(150);
    expect(stations.filter((s) => s.areaCode.startsWith('350581')).length).toBeGreaterThan(5);
    expect(stations.filter((s) => s.areaCode.startsWith('371721')).length).toBeGreaterThan(5);
  });

  it('spaces stations along the streets roughly every 500 m', () => {
    const gaps = xinle.map((_, i) => nearestNeighbourM(xinle, i)).sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)];
    expect(median).toBeGreaterThan(380);
    expect(median).toBeLessThan(620);
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
  });

  it('places each station inside the community it names, with unique codes and names', () => {
    const communities = new Map(planDemoAreas().flatMap((c) => c.children.flatMap((s) => s.children)).map((c) => [c.code, c.boundary]));
    for (const s of stations) expect(pointInRing(s, communities.get(s.areaCode)!)).toBe(true);
    expect(new Set(stations.map((s) => s.code)).size).toBe(stations.length);
    expect(new Set(stations.map((s) => s.name)).size).toBe(stations.length);
  });
});
