import { h } from 'preact';
import type { Capabilities, DesiredState, Device } from '../protocol.ts';
import { ApiError } from '../api/api-client.ts';
import { reportedModels, reportedRevision } from '../api/endpoints.ts';
import { EventList, EventsChart } from '../components/event-list.ts';
import { Badge, EmptyState, ErrorNote, Facts, LabelChips, Loading, PageHeader, PresenceBadge, RelTime, Section, StatusBadge, TableWrap } from '../components/ui.ts';
import { dateTime, formatBytes } from '../format.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { href } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type PageProps } from './page-registry.ts';

function CapabilityFacts(props: { c: Capabilities }) {
  const { c } = props;
  return h(Facts, { items: [
    ['Agent', `${c.agentVersion} (${c.platform})`],
    ['OS / arch', [c.os, c.arch].filter(Boolean).join(' / ')],
    ['CPU', `${c.cpu.model}, ${c.cpu.cores} cores`],
    ['Memory', formatBytes(c.memoryBytes)],
    ['Runtime', `${c.runtime.name} ${c.runtime.version}`],
    ['Execution providers', c.executionProviders.join(', ')],
    ['GPUs', c.gpus.length === 0 ? 'none' : c.gpus.map((g) => `${g.name}${g.memoryBytes ? ` (${formatBytes(g.memoryBytes)})` : ''}`).join(', ')],
    ...(c.webgpu ? [['WebGPU', c.webgpu.available ? `available${c.webgpu.shaderF16 ? ', shader-f16' : ''}` : 'not available'] as [string, string]] : []),
  ] });
}

/** What the device runs next to what it should run, so a stuck or reverted model is obvious. */
function ModelsSection(props: { device: Device; desired: DesiredState | undefined }) {
  const reported = reportedModels(props.device);
  const revision = reportedRevision(props.device);
  const desired = props.desired;
  const inSync = desired !== undefined && revision === desired.revision;
  return h(Section, {
    id: 'models', title: 'Models',
    actions: desired ? h(Badge, { tone: inSync ? 'ok' : 'info', title: `desired revision ${desired.revision}, reported ${revision ?? 'none'}` },
      inSync ? 'in sync' : 'converging') : null,
  },
  reported.length === 0
    ? h(EmptyState, { title: 'No models reported' }, h('p', null, desired && desired.models.length > 0
      ? 'The device has not reported its state yet; it does once its agent has synced.'
      : 'Nothing is assigned to this device. Assign a model on the Fleets & assignments page.'))
    : h(TableWrap, { label: 'Reported models' }, h('table', null,
      h('thead', null, h('tr', null, ['Model', 'Version', 'Variant', 'Execution provider', 'Status', 'Desired', 'Last error'].map((t) => h('th', { key: t, scope: 'col' }, t)))),
      h('tbody', null, reported.map((m) => h('tr', { key: m.name },
        h('td', null, h('a', { href: href(`/models/${encodeURIComponent(m.name)}`) }, m.name)),
        h('td', { class: 'mono' }, m.version ?? '—'), h('td', null, m.variant ?? '—'), h('td', null, m.executionProvider ?? '—'),
        h('td', null, h(StatusBadge, { status: m.status })),
        h('td', { class: 'mono' }, desired?.models.find((d) => d.name === m.name)?.version ?? m.desiredVersion ?? '—'),
        h('td', null, m.lastError ?? '')))))),
  desired && desired.models.length > 0
    ? h('p', { class: 'hint' }, `Desired state revision ${desired.revision}: `,
      desired.models.map((d) => `${d.name}:${d.version} ${d.variant}${d.assignment ? ` (assignment ${d.assignment})` : ''}`).join('; '))
    : null);
}

function DeviceDetail(props: PageProps) {
  const { api } = useSession();
  const id = props.params.id ?? '';
  const now = useTicker();
  const forThis = { topics: ['device'], when: (c: { id?: string }) => c.id === id };
  const device = useResource((signal) => api.getDevice(id, { signal }), [id], forThis);
  const desired = useResource((signal) => api.desiredState(id, { signal }), [id], forThis);
  const events = useResource((signal) => api.deviceEvents(id, 100, { signal }), [id], forThis);

  if (device.error instanceof ApiError && device.error.status === 404) {
    return h('div', null, h(PageHeader, { title: 'Device not found' }),
      h(EmptyState, { title: `No device with id ${id}` }, h('p', null, 'It may have been removed. ', h('a', { href: href('/devices') }, 'Back to devices'))));
  }
  const d = device.data;
  return h('div', null,
    h(PageHeader, {
      title: d ? d.name : 'Device',
      subtitle: d ? [h('span', { key: 'id', class: 'mono' }, d.id), ' · ', h(PresenceBadge, { key: 'p', presence: d.presence }), ' · last seen ', h(RelTime, { key: 't', iso: d.lastSeenAt, now })] : null,
    }, h('a', { href: href('/devices') }, 'All devices')),
    h(ErrorNote, { error: device.error, what: 'Could not load the device' }),
    !d ? h(Loading, { what: 'the device' }) : [
      h(ModelsSection, { key: 'models', device: d, desired: desired.data }),
      h('div', { key: 'grid', class: 'grid' },
        h(Section, { id: 'identity', title: 'Identity' }, h(Facts, { items: [
          ['Labels', h(LabelChips, { labels: d.labels })],
          ['Enrolled', dateTime(d.enrolledAt)],
          ['Last seen', d.lastSeenAt ? dateTime(d.lastSeenAt) : 'never'],
        ] })),
        h(Section, { id: 'capabilities', title: 'Capabilities' }, h(CapabilityFacts, { c: d.capabilities }))),
    ],
    h(Section, { id: 'events', title: 'Events' },
      h(ErrorNote, { error: events.error, what: 'Could not load events' }),
      events.data ? [
        events.data.length > 0 ? h(EventsChart, { key: 'chart', events: events.data, now }) : null,
        events.data.length === 0
          ? h(EmptyState, { key: 'empty', title: 'No events from this device yet' }, h('p', null, 'Model activations, load failures and local rollbacks (model.reverted) appear here.'))
          : h(EventList, { key: 'list', events: events.data, now }),
      ] : h(Loading, { what: 'events' })));
}

export const page = definePage({
  id: 'device',
  path: '/devices/:id',
  title: (p) => `Device ${p.id ?? ''}`,
  navParent: '/devices',
  component: DeviceDetail,
});
