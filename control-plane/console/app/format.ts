/** Display helpers. Pure, so they are unit-tested in Node. */

/** @example formatBytes(2327524) // '2.2 MiB' */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * "12 s ago", "5 min ago", "3 h ago", "2 days ago"; future times (clock skew) read "just now".
 *
 * @example relativeTime('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:05:00Z')) // '5 min ago'
 */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const s = Math.round((now - then) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** Local date and time for a tooltip or a table cell: `2026-01-01 14:03:07`. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** @example shortHash('ab12…') // first 12 hex digits */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

/** `[1, 512]`, `[batch, 512]`, `scalar`. */
export function formatShape(shape: ReadonlyArray<number | string | null>): string {
  if (shape.length === 0) return 'scalar';
  return `[${shape.map((d) => (d === null || d === -1 ? '?' : String(d))).join(', ')}]`;
}

/** `site=berlin, tier=gpu`. */
export function formatLabels(labels: Record<string, string>): string[] {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
}

/** Singular or plural: `plural(1, 'device')` -> '1 device'. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * A value from evidence or details, for one table cell: numbers to 4 significant digits, an object
 * one level deep as `key: value` pairs (evidence nests a build's settings), deeper ones as JSON.
 *
 * @example formatValue({ builder: 'quantizeInt8', nodes: 12 }) // 'builder: quantizeInt8, nodes: 12'
 */
export function formatValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (typeof value === 'string') return value;
  if (depth === 0 && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${formatValue(v, 1)}`).join(', ');
  }
  return JSON.stringify(value);
}
