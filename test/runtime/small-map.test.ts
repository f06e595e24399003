// SmallMap: Map's behaviour for the operations it has, both while it is a
// list and after it became a Map.

import { SmallMap } from '../../runtime/small-map.js';

describe('SmallMap', () => {
  it('gets, sets, replaces and deletes like a Map', () => {
    const m = new SmallMap<string, number>();
    expect(m.get('a')).toBeUndefined();
    m.set('a', 1).set('b', 2).set('a', 3);
    expect([m.get('a'), m.get('b'), m.size, m.has('b'), m.has('c')]).toEqual([3, 2, 2, true, false]);
    expect(m.delete('a')).toBe(true);
    expect(m.delete('a')).toBe(false);
    expect([...m.entries()]).toEqual([['b', 2]]);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('keeps every entry, in order, past the entries it holds as a list', () => {
    const m = new SmallMap<number, string>();
    for (let i = 0; i < 20; i++) m.set(i, `v${i}`);
    m.set(3, 'three');
    expect(m.size).toBe(20);
    expect(m.get(3)).toBe('three');
    expect(m.get(19)).toBe('v19');
    expect(m.delete(10)).toBe(true);
    expect([...m.entries()].map(([k]) => k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    m.clear();
    m.set(1, 'x');
    expect([...m.entries()]).toEqual([[1, 'x']]);
  });

  it('is made from entries, as a copy', () => {
    const a = new SmallMap<number, string>([[1, 'a'], [2, 'b']]);
    const b = new SmallMap(a.entries());
    b.set(1, 'changed');
    expect([a.get(1), b.get(1), b.get(2)]).toEqual(['a', 'changed', 'b']);
  });
});
