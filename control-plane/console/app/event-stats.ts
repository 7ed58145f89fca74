/** Device events that mean something went wrong (protocol/device-state.ts, deviceEventTypeSchema). */
export const PROBLEM_EVENT_TYPES: ReadonlySet<string> = new Set(['model.load_failed', 'model.reverted', 'artifact.rejected', 'agent.error']);

export interface HourlyCounts {
  /** Start of each hour, unix seconds, oldest first. */
  xs: number[];
  total: number[];
  problems: number[];
}

/**
 * Count events per hour over the last `hours` hours (the current hour last). Events outside the
 * window are ignored.
 *
 * @example eventsPerHour([{ type: 'model.reverted', at: iso }], Date.now(), 24).problems.at(-1) // 1
 */
export function eventsPerHour(events: ReadonlyArray<{ type: string; at: string }>, now: number, hours = 24): HourlyCounts {
  const hour = 3600;
  const last = Math.floor(now / 1000 / hour) * hour;
  const first = last - (hours - 1) * hour;
  const xs = Array.from({ length: hours }, (_, i) => first + i * hour);
  const total = new Array<number>(hours).fill(0);
  const problems = new Array<number>(hours).fill(0);
  for (const e of events) {
    const t = Date.parse(e.at) / 1000;
    if (!Number.isFinite(t) || t < first || t >= last + hour) continue;
    const i = Math.floor((t - first) / hour);
    total[i] = (total[i] ?? 0) + 1;
    if (PROBLEM_EVENT_TYPES.has(e.type)) problems[i] = (problems[i] ?? 0) + 1;
  }
  return { xs, total, problems };
}

/** Newest first, by time then id, across devices. */
export function newestFirst<T extends { at: string; id: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
}
