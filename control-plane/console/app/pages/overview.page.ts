import { h, type ComponentChildren, type ComponentType } from 'preact';
import type { Device } from '../protocol.ts';
import type { AuditEntry } from '../api/endpoints.ts';
import { EventList, EventsChart } from '../components/event-list.ts';
import { Code, EmptyState, ErrorNote, Loading, PageHeader, RelTime, Section } from '../components/ui.ts';
import { patchPresence } from '../device-filter.ts';
import { plural } from '../format.ts';
import { useRecentEvents } from '../hooks/use-recent-events.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { href } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type OverviewSlot } from './page-registry.ts';

function Stat(props: { value: number | string; label: string; to?: string }) {
  const body = [h('span', { class: 'stat-value' }, props.value), h('span', { class: 'stat-label' }, props.label)];
  return props.to ? h('a', { class: 'stat', href: props.to }, body) : h('div', { class: 'stat' }, body);
}

/** What a new user does first; each step ticks itself off as the fleet fills up. */
function GettingStarted(props: { models: number; devices: number; assignments: number }) {
  const step = (done: boolean, text: ComponentChildren) =>
    h('li', { class: done ? 'done' : '' }, done ? h('span', { 'aria-label': 'done' }, '✓ ') : null, text);
  return h(Section, { id: 'start', title: 'Getting started' },
    h('ol', { class: 'steps' },
      step(props.models > 0, ['Push a model on the ', h('a', { href: href('/models') }, 'Models page'), ' or with ',
        h(Code, null, 'edgefleet models push model.onnx --name vad --version 1'), '.']),
      step(props.devices > 0, ['Enroll a device: create a token with ', h(Code, null, 'edgefleet tokens create --role enroll --labels site=lab'),
        ', then start an agent with ', h(Code, null, `EDGEFLEET_CONTROL_PLANE=${location.origin} EDGEFLEET_ENROLL_TOKEN=efe_… edgefleet agent`), '.']),
      step(props.assignments > 0, ['Assign the model to devices on the ', h('a', { href: href('/fleets') }, 'Fleets & assignments page'), '.'])));
}

const slotEmpty: Record<OverviewSlot, { title: string; empty: string; body: ComponentChildren }> = {
  alerts: { title: 'Alerts', empty: 'No alerts', body: 'Drift and quality alerts appear here once devices report statistics for a model with a reference profile.' },
  rollouts: { title: 'Active rollouts', empty: 'No rollouts yet', body: ['Start one with ', h(Code, null, 'edgefleet rollout start'), ' to move a model version through cohorts with gates.'] },
  drift: { title: 'Fleet drift', empty: 'No drift data yet', body: 'Devices send feature and prediction summaries once a model with a reference profile runs on them.' },
};

/** A slot shows the card a later feature's page provides, or says how to get one. */
function Slot(props: { slot: OverviewSlot }) {
  const { pages } = useSession();
  const Card = pages.map((p) => p.overviewCards?.[props.slot]).find((c): c is ComponentType => c !== undefined);
  const text = slotEmpty[props.slot];
  return h(Section, { id: `slot-${props.slot}`, title: text.title }, Card ? h(Card, null) : h(EmptyState, { title: text.empty }, h('p', null, text.body)));
}

function AuditList(props: { entries: AuditEntry[]; now: number }) {
  if (props.entries.length === 0) return h(EmptyState, { title: 'No changes recorded yet' }, h('p', null, 'Every change made with a token (pushes, aliases, assignments, enrollments) is listed here.'));
  return h('ul', { class: 'audit-list' }, props.entries.map((e) => h('li', { key: e.id },
    h('span', { class: 'mono' }, e.action), h('span', null, e.target), h('span', { class: 'muted' }, `by ${e.actor}`),
    h('span', { class: 'event-time' }, h(RelTime, { iso: e.at, now: props.now })))));
}

function Overview() {
  const { api } = useSession();
  const now = useTicker();
  const fleet = useResource(async (signal) => {
    const [devices, models, assignments] = await Promise.all([api.listDevices('', { signal }), api.listModels({ signal }), api.listAssignments({ signal })]);
    return { devices, models, assignments };
  }, [], {
    topics: ['device', 'model', 'assignment'],
    // Only what the counts show: devices coming, going and flipping presence (patched in place).
    when: (c) => c.topic !== 'device' || ['device.enroll', 'device.delete', 'device.presence'].includes(c.action),
    patch: (data, c) => {
      const devices = patchPresence(data.devices, c);
      return devices && { ...data, devices };
    },
  });
  const events = useRecentEvents();
  const audit = useResource((signal) => api.listAudit(12, { signal }), [], { topics: ['audit'] });

  const f = fleet.data;
  const count = (p: Device['presence']) => f?.devices.filter((d) => d.presence === p).length ?? 0;
  const versions = f?.models.reduce((n, m) => n + m.versions.length, 0) ?? 0;
  return h('div', null,
    h(PageHeader, { title: 'Overview', subtitle: 'The fleet at a glance; it updates as devices report.' }),
    h(ErrorNote, { error: fleet.error, what: 'Could not load the fleet' }),
    f ? h('div', { class: 'stats' },
      h(Stat, { value: count('online'), label: 'devices online', to: href('/devices', { presence: 'online' }) }),
      h(Stat, { value: count('offline'), label: 'devices offline', to: href('/devices', { presence: 'offline' }) }),
      h(Stat, { value: count('unknown'), label: 'never connected', to: href('/devices', { presence: 'unknown' }) }),
      h(Stat, { value: f.models.length, label: `models, ${plural(versions, 'version')}`, to: href('/models') }),
      h(Stat, { value: f.assignments.length, label: 'assignments', to: href('/fleets') })) : h(Loading, { what: 'the fleet' }),
    f && (f.models.length === 0 || f.devices.length === 0 || f.assignments.length === 0)
      ? h(GettingStarted, { models: f.models.length, devices: f.devices.length, assignments: f.assignments.length }) : null,
    h('div', { class: 'grid' }, h(Slot, { slot: 'alerts' }), h(Slot, { slot: 'rollouts' }), h(Slot, { slot: 'drift' })),
    h('div', { class: 'grid' },
      h(Section, { id: 'events', title: 'Recent device events' },
        h(ErrorNote, { error: events.error, what: 'Could not load events' }),
        events.data ? [
          events.data.length > 0 ? h(EventsChart, { key: 'chart', events: events.data, now }) : null,
          events.data.length === 0
            ? h(EmptyState, { key: 'empty', title: 'No device events yet' }, h('p', null, 'Agents report activations, load failures and local rollbacks here as they happen.'))
            : h(EventList, { key: 'list', events: events.data.slice(0, 12), now, showDevice: true }),
        ] : h(Loading, { what: 'events' })),
      h(Section, { id: 'audit', title: 'Recent changes' },
        h(ErrorNote, { error: audit.error, what: 'Could not load the audit log' }),
        audit.data ? h(AuditList, { entries: audit.data, now }) : h(Loading, { what: 'changes' }))));
}

export const page = definePage({
  id: 'overview',
  path: '/',
  title: 'Overview',
  nav: { label: 'Overview', order: 0 },
  component: Overview,
});
