/**
 * Counts of a categorical feature: up to 64 named categories, OTHER for the rest, and missing.
 * With a fixed vocabulary (the reference profile's top categories) every device counts the same
 * categories, merges are exact and windows compare cell-for-cell with the reference.
 */
import { z } from 'zod';

/** Most categories one state tracks by name: summaries stay small whatever the cardinality. */
export const MAX_CATEGORIES = 64;

/**
 * Categorical counts as they travel in summaries. Parallel arrays instead of a record: category
 * names are data, and a name like "__proto__" must not become an object key.
 * `fixed` states count only their `categories`; open states admit new names until `limit`.
 */
export const categoricalCountsSchema = z
  .object({
    categories: z.array(z.string()).max(MAX_CATEGORIES),
    counts: z.array(z.number().int().nonnegative()),
    other: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(MAX_CATEGORIES),
    fixed: z.boolean(),
  })
  .refine((s) => s.counts.length === s.categories.length, {
    message: 'counts must have one entry per category',
  })
  .refine((s) => new Set(s.categories).size === s.categories.length, {
    message: 'categories must be unique',
  })
  .refine((s) => s.categories.length <= s.limit, { message: 'more categories than limit' });

export type CategoricalCounts = z.infer<typeof categoricalCountsSchema>;

/** A categorical value as features carry it; null, undefined and NaN are missing. */
export type CategoricalValue = string | number | boolean | null | undefined;

function categoryKey(value: CategoricalValue): string | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
    return null;
  }
  return String(value);
}

/**
 * An empty state. With `categories` the vocabulary is fixed (use the reference's `topCategories`);
 * without, the first `limit` distinct values seen get their own cell.
 *
 * @example
 * createCategoricalCounts({ categories: ['cpu', 'gpu'] });
 * // { categories: ['cpu', 'gpu'], counts: [0, 0], other: 0, missing: 0, limit: 2, fixed: true }
 */
export function createCategoricalCounts(
  options: { categories?: readonly string[]; limit?: number } = {},
): CategoricalCounts {
  const categories = options.categories ? [...options.categories] : [];
  const limit = options.limit ?? (options.categories ? Math.max(1, categories.length) : MAX_CATEGORIES);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CATEGORIES || categories.length > limit) {
    throw new RangeError(`a categorical state tracks 1 to ${MAX_CATEGORIES} categories`);
  }
  if (new Set(categories).size !== categories.length) throw new RangeError('categories must be unique');
  return { categories, counts: categories.map(() => 0), other: 0, missing: 0, limit, fixed: !!options.categories };
}

/**
 * Count one value in place and return the state.
 *
 * @example
 * const s = createCategoricalCounts({ categories: ['a'] });
 * addCategory(s, 'a'); addCategory(s, 'b'); addCategory(s, null); // counts [1], other 1, missing 1
 */
export function addCategory(state: CategoricalCounts, value: CategoricalValue): CategoricalCounts {
  const key = categoryKey(value);
  if (key === null) {
    state.missing++;
    return state;
  }
  const index = state.categories.indexOf(key); // at most 64 entries: a scan beats a Map rebuild
  if (index >= 0) state.counts[index]!++;
  else if (!state.fixed && state.categories.length < state.limit) {
    state.categories.push(key);
    state.counts.push(1);
  } else state.other++;
  return state;
}

/**
 * The k most frequent values of a sample (ties broken by name, so every node picks the same),
 * for the fixed vocabulary of a reference profile. Missing values are not categories.
 *
 * @example
 * topCategories(['a', 'b', 'b', 'c', 'c', 'c'], 2); // ['c', 'b']
 */
export function topCategories(values: readonly CategoricalValue[], k = MAX_CATEGORIES): string[] {
  const frequencies = new Map<string, number>();
  for (const v of values) {
    const key = categoryKey(v);
    if (key !== null) frequencies.set(key, (frequencies.get(key) ?? 0) + 1);
  }
  return [...frequencies]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.min(k, MAX_CATEGORIES))
    .map(([key]) => key);
}

/**
 * Merge two states into a new one. Same fixed vocabulary: counts add, exactly. Otherwise the
 * union of categories is kept if it fits `limit`, else the most frequent ones are kept and the
 * rest folds into OTHER, which is the only lossy case (totals are always preserved).
 *
 * @example
 * mergeCategoricalCounts(a, b).counts; // a.counts + b.counts for a shared vocabulary
 */
export function mergeCategoricalCounts(a: CategoricalCounts, b: CategoricalCounts): CategoricalCounts {
  const totals = new Map<string, number>();
  a.categories.forEach((c, i) => totals.set(c, a.counts[i]!));
  b.categories.forEach((c, i) => totals.set(c, (totals.get(c) ?? 0) + b.counts[i]!));
  const fixed = a.fixed && b.fixed;
  const limit = Math.max(a.limit, b.limit);
  let kept = [...totals];
  let other = a.other + b.other;
  if (kept.length > limit) {
    kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (const [, count] of kept.slice(limit)) other += count;
    kept = kept.slice(0, limit);
  }
  return {
    categories: kept.map(([c]) => c),
    counts: kept.map(([, n]) => n),
    other,
    missing: a.missing + b.missing,
    limit,
    fixed,
  };
}

/**
 * Align a window's counts to a reference's categories: cell k of both vectors is the reference's
 * category k, the last cell is OTHER (window categories unknown to the reference fold into it).
 * These are the vectors to hand to chi-squared, PSI or Jensen-Shannon.
 *
 * @example
 * alignCategoricalCounts(reference, window); // { categories: [...ref, 'OTHER'], reference: [...], window: [...] }
 */
export function alignCategoricalCounts(reference: CategoricalCounts, window: CategoricalCounts) {
  const windowCounts = reference.categories.map(() => 0);
  let windowOther = window.other;
  window.categories.forEach((c, i) => {
    const index = reference.categories.indexOf(c);
    if (index >= 0) windowCounts[index]! += window.counts[i]!;
    else windowOther += window.counts[i]!;
  });
  return {
    categories: [...reference.categories, 'OTHER'],
    reference: [...reference.counts, reference.other],
    window: [...windowCounts, windowOther],
  };
}
