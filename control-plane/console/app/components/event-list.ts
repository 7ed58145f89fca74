import { h } from 'preact';
import { useMemo } from 'preact/hooks';
import type { DeviceEventView } from '../api/endpoints.ts';
import { eventsPerHour, PROBLEM_EVENT_TYPES } from '../event-stats.ts';
import { formatValue, plural } from '../format.ts';
import { href, seg } from '../router.ts';
import { TimeChart, type ChartSeries } from './time-chart.ts';
import { Badge, RelTime } from './ui.ts';

export type EventRow = DeviceEventView & { deviceId?: string; deviceName?: string };

const typeTone = (type: string) => (type === 'model.reverted' ? 'warn' : PROBLEM_EVENT_TYPES.has(type) ? 'bad' : 'info');

/**
 * Device events, newest first. A local rollback (`model.reverted`) stands out and shows its
 * evidence: the agent's own guardrail figures that made it revert.
 */
export function EventList(props: { events: readonly EventRow[]; now: number; showDevice?: boolean }) {
  return h('ol', { class: 'event-list' }, props.events.map((e) => {
    const reverted = e.type === 'model.reverted';
    return h('li', { key: `${e.deviceId ?? ''}-${e.id}`, class: reverted ? 'event event-reverted' : 'event' },
      h('div', { class: 'event-head' },
        h(Badge, { tone: typeTone(e.type) }, reverted ? 'local rollback' : e.type),
        e.model ? h('span', { class: 'mono' }, `${e.model}${e.version ? `:${e.version}` : ''}`) : null,
        props.showDevice && e.deviceId
          ? h('a', { href: href(`/devices/${seg(e.deviceId)}`) }, e.deviceName ?? e.deviceId)
          : null,
        h('span', { class: 'event-time' }, h(RelTime, { iso: e.at, now: props.now }))),
      h('p', { class: 'event-message' }, e.message),
      e.evidence && Object.keys(e.evidence).length > 0
        ? h('dl', { class: 'evidence', 'aria-label': 'evidence' }, Object.entries(e.evidence).flatMap(([k, v]) => [
          h('dt', { key: `${k}-k` }, k), h('dd', { key: `${k}-v` }, formatValue(v)),
        ]))
        : null);
  }));
}

const colors = { total: '#3b6fd8', problems: '#c2410c' };

/** Events per hour over the last day, with problems (failures, rollbacks) drawn over the total. */
export function EventsChart(props: { events: ReadonlyArray<{ type: string; at: string }>; now: number; label?: string }) {
  // Bucket by the hour only, so the ticker's re-renders do not rebuild the chart every 15 s.
  const hourKey = Math.floor(props.now / 3_600_000);
  const counts = useMemo(() => eventsPerHour(props.events, props.now), [props.events, hourKey]);
  const series = useMemo((): ChartSeries[] => [
    { label: 'events', color: colors.total, kind: 'bars', values: counts.total },
    { label: 'failures and rollbacks', color: colors.problems, kind: 'bars', values: counts.problems },
  ], [counts]);
  const total = counts.total.reduce((a, b) => a + b, 0);
  const problems = counts.problems.reduce((a, b) => a + b, 0);
  return h(TimeChart, {
    label: props.label ?? 'Device events per hour, last 24 hours',
    summary: `${plural(total, 'event')} in the last 24 hours, ${plural(problems, 'failure or rollback', 'failures or rollbacks')}.`,
    xs: counts.xs,
    series,
    step: 3600,
  });
}
