import { pointInRing, ringBBox, ringCentroid } from '@xjy/shared';
import { planDemoAreas, PlannedArea } from './demo-areas';

function walk(node: PlannedArea, visit: (n: PlannedArea, parent: PlannedArea | null) => void, parent: PlannedArea | null = null): void {
  visit(node, parent);
  for (const c of node.children) walk(c, visit, node);
}

describe('planDemoAreas', () => {
  const cities = planDemoAreas();

  it('plans the three source cities with streets, communities and grids', () => {
    expect(cities.map((c) => c.name)).toEqual(['新乐市', '石狮市', '曹县']);
    for (const city of cities) {
      const levels = new Set<string>();
      walk(city, (n) => levels.add(n.level));
      expect([...levels]).toEqual(['district', 'street', 'community', 'grid']);
    }
  });

  it('nests every child inside its parent and gives every area a unique code', () => {
    const codes = new Set<string>();
    for (const city of cities) {
      walk(city, (n, parent) => {
        expect(codes.has(n.code)).toBe(false);
        codes.add(n.code);
        if (parent) {
          const b = ringBBox(n.boundary);
          const p = ringBBox(parent.boundary);
          expect(b.minLng).toBeGreaterThanOrEqual(p.minLng - 1e-9);
          expect(b.maxLat).toBeLessThanOrEqual(p.maxLat + 1e-9);
          expect(pointInRing(ringCentroid(n.boundary), parent.boundary)).toBe(true);
        }
      });
    }
  });
});
