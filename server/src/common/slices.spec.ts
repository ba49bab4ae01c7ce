import { mapInSlices } from './slices';

describe(mapInSlices.name, () => {
  it('maps every item in order', async () => {
    expect(await mapInSlices([1, 2, 3, 4, 5], (x) => x * 10, 2)).toEqual([10, 20, 30, 40, 50]);
    expect(await mapInSlices([], (x: number) => x)).toEqual([]);
  });

  it('lets other work run between slices, not within one', async () => {
    const seen: string[] = [];
    const other = () => setImmediate(() => seen.push('other'));
    other();
    await mapInSlices([1, 2, 3, 4], (x) => seen.push(`item ${x}`), 2);
    expect(seen).toEqual(['item 1', 'item 2', 'other', 'item 3', 'item 4']);
  });
});
