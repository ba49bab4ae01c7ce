import { pointInOrOnRing } from '@xjy/shared';
import { DEMO_CITIES, planDemoAreas, PlannedArea } from './demo-areas';
import { DEMO_USERS } from './demo.seed';

function gridsHolding(node: PlannedArea, p: { lat: number; lng: number }): PlannedArea[] {
  if (!pointInOrOnRing(p, node.boundary)) return [];
  if (node.level === 'grid') return [node];
  return node.children.flatMap((c) => gridsHolding(c, p));
}

describe('demo staff scope', () => {
  const staff = DEMO_USERS.find((u) => u.account === 'staff')!;
  const inScope = (code: string) => staff.scopeCodes.some((root) => code.startsWith(root));

  it("covers the demo city centre, where the map starts, so a report filed there reaches the demo staff's queue", () => {
    // The mini-program's fallback position (CITY_CENTRE in use-location.ts) is the first demo city's centre.
    const centre = DEMO_CITIES[0].center;
    const grids = planDemoAreas().flatMap((city) => gridsHolding(city, centre));
    expect(grids.length).toBeGreaterThan(0);
    for (const g of grids) expect(inScope(g.code)).toBe(true);
  });

  it('still leaves 石狮 outside the demo staff scope, so scope checks have a city to refuse', () => {
    expect(staff.scopeCodes.some((c) => c.startsWith('350581'))).toBe(false);
  });
});
