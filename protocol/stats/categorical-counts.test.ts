import { describe, expect, it } from 'vitest';
import {
  MAX_CATEGORIES,
  addCategory,
  alignCategoricalCounts,
  categoricalCountsSchema,
  createCategoricalCounts,
  mergeCategoricalCounts,
  topCategories,
  type CategoricalValue,
} from './categorical-counts.ts';

function countAll(state: ReturnType<typeof createCategoricalCounts>, values: CategoricalValue[]) {
  for (const v of values) addCategory(state, v);
  return state;
}

describe('topCategories', () => {
  it('orders by frequency, breaks ties by name, skips missing and caps at 64', () => {
    expect(topCategories(['a', 'b', 'b', 'c', 'c', 'c'], 2)).toEqual(['c', 'b']);
    expect(topCategories(['y', 'x', null, undefined, NaN, 'x', 'y'])).toEqual(['x', 'y']);
    const many = Array.from({ length: 100 }, (_, i) => `v${i}`);
    expect(topCategories(many, 1000)).toHaveLength(MAX_CATEGORIES);
    expect(topCategories([])).toEqual([]);
  });
});

describe('counting', () => {
  it('with a fixed vocabulary: named cells, OTHER and missing', () => {
    const state = countAll(createCategoricalCounts({ categories: ['cpu', 'gpu'] }), [
      'cpu', 'gpu', 'gpu', 'npu', null, undefined, NaN, 'cpu',
    ]);
    expect(state).toMatchObject({ categories: ['cpu', 'gpu'], counts: [2, 2], other: 1, missing: 3 });
  });

  it('open: admits the first `limit` distinct values, then OTHER', () => {
    const state = countAll(createCategoricalCounts({ limit: 2 }), ['a', 'b', 'c', 'a', 1, true]);
    expect(state).toMatchObject({ categories: ['a', 'b'], counts: [2, 1], other: 3, missing: 0 });
  });

  it('keys numbers and booleans by their string, and treats "__proto__" as plain data', () => {
    const state = countAll(createCategoricalCounts(), [1, '1', true, '__proto__', '__proto__']);
    expect(state.categories).toEqual(['1', 'true', '__proto__']);
    expect(state.counts).toEqual([2, 1, 2]);
    expect(categoricalCountsSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('rejects impossible configurations', () => {
    expect(() => createCategoricalCounts({ limit: 65 })).toThrow(RangeError);
    expect(() => createCategoricalCounts({ limit: 0 })).toThrow(RangeError);
    expect(() => createCategoricalCounts({ categories: ['a', 'a'] })).toThrow(RangeError);
    expect(() => createCategoricalCounts({ categories: ['a', 'b'], limit: 1 })).toThrow(RangeError);
  });
});

describe('mergeCategoricalCounts', () => {
  it('adds counts exactly for a shared vocabulary', () => {
    const vocabulary = { categories: ['a', 'b', 'c'] };
    const values: CategoricalValue[] = ['a', 'c', 'z', null, 'a', 'b', 'q', 'c', 'c'];
    const whole = countAll(createCategoricalCounts(vocabulary), values);
    const left = countAll(createCategoricalCounts(vocabulary), values.slice(0, 4));
    const right = countAll(createCategoricalCounts(vocabulary), values.slice(4));
    expect(mergeCategoricalCounts(left, right)).toEqual(whole);
  });

  it('unions open states and folds the least frequent into OTHER past the limit, keeping totals', () => {
    const a = countAll(createCategoricalCounts({ limit: 2 }), ['x', 'x', 'x', 'y']);
    const b = countAll(createCategoricalCounts({ limit: 2 }), ['z', 'z', 'y', 'w']);
    const merged = mergeCategoricalCounts(a, b);
    expect(merged.categories).toEqual(['x', 'y']); // x 3, y 2 (tie with z 2 broken by name)
    expect(merged.counts).toEqual([3, 2]);
    expect(merged.other).toBe(a.other + b.other + 2);
    const sum = (s: typeof merged) => s.counts.reduce((t, c) => t + c, 0) + s.other + s.missing;
    expect(sum(merged)).toBe(sum(a) + sum(b));
  });

  it('merges empty states', () => {
    const empty = createCategoricalCounts();
    expect(mergeCategoricalCounts(empty, empty)).toEqual(empty);
  });
});

describe('alignCategoricalCounts', () => {
  it('puts the window in the reference cells, unknown categories in OTHER', () => {
    const reference = countAll(createCategoricalCounts({ categories: ['a', 'b'] }), ['a', 'a', 'b', 'c']);
    const window = countAll(createCategoricalCounts(), ['b', 'd', 'd', 'a', null]);
    expect(alignCategoricalCounts(reference, window)).toEqual({
      categories: ['a', 'b', 'OTHER'],
      reference: [2, 1, 1],
      window: [1, 1, 2],
    });
  });
});

describe('categoricalCountsSchema', () => {
  it('rejects malformed states', () => {
    const good = countAll(createCategoricalCounts({ categories: ['a'] }), ['a']);
    expect(categoricalCountsSchema.safeParse(good).success).toBe(true);
    expect(categoricalCountsSchema.safeParse({ ...good, counts: [1, 2] }).success).toBe(false);
    expect(categoricalCountsSchema.safeParse({ ...good, categories: ['a', 'a'], counts: [1, 1], limit: 2 }).success).toBe(false);
    expect(categoricalCountsSchema.safeParse({ ...good, limit: 99 }).success).toBe(false);
    expect(categoricalCountsSchema.safeParse({ ...good, other: -1 }).success).toBe(false);
  });
});
