import type { ByteRange } from './artifact-store.ts';

/**
 * What to do with a `Range` header for a resource of `size` bytes (RFC 9110 §14.2):
 * - `full`: no header, or one we may ignore (another unit, several ranges, bad syntax) -> 200;
 * - `partial`: one satisfiable range, clamped to the file -> 206;
 * - `unsatisfiable`: a valid range that starts past the end, or an empty suffix -> 416.
 * Multi-range requests are answered whole: agents resume with one range, and multipart/byteranges
 * would buy nothing here.
 */
export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix range: the last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  // last < first makes the range-spec invalid, which RFC 9110 says to ignore, not to refuse.
  if (last !== '' && end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end: Math.min(end, size - 1) } };
}

/**
 * True when an `If-None-Match` list names this ETag (weak comparison, as RFC 9110 §13.1.2 asks
 * for GET) or is `*`.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}
