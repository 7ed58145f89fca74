import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Device } from '../protocol.ts';
import { reportedModels } from '../api/endpoints.ts';
import { Code, EmptyState, ErrorNote, Field, LabelChips, Loading, PageHeader, PresenceBadge, RelTime, Section, StatusBadge, TableWrap, valueOf } from '../components/ui.ts';
import { selectorProblem } from '../forms/form-bits.ts';
import { allProviders, executionProviders, filterDevices, modelRef, patchPresence, type DeviceFilter } from '../device-filter.ts';
import { plural } from '../format.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { href, replaceQuery, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type PageProps } from './page-registry.ts';

function DeviceRow(props: { device: Device; now: number }) {
  const d = props.device;
  const models = reportedModels(d);
  return h('tr', null,
    h('td', null, h('a', { href: href(`/devices/${seg(d.id)}`) }, d.name), h('span', { class: 'cell-sub mono' }, d.id)),
    h('td', null, h(PresenceBadge, { presence: d.presence })),
    h('td', null, h(RelTime, { iso: d.lastSeenAt, now: props.now })),
    h('td', null, models.length === 0 ? h('span', { class: 'muted' }, 'none reported')
      : models.map((m) => h('span', { key: m.name, class: 'model-line' },
        h('span', { class: 'mono' }, modelRef(m)), ' ', m.variant ? h('span', { class: 'muted' }, `${m.variant} `) : null, h(StatusBadge, { status: m.status })))),
    h('td', null, executionProviders(d).join(', ')),
    h('td', { class: 'hide-narrow' }, h(LabelChips, { labels: d.labels })),
    h('td', { class: 'hide-narrow' }, `${d.capabilities.platform} ${d.capabilities.agentVersion}`));
}

function Filters(props: { selector: string; onSelector: (s: string) => void; filter: DeviceFilter; onFilter: (f: DeviceFilter) => void; providers: string[] }) {
  const [draft, setDraft] = useState(props.selector);
  // Checked here first, so a typo is explained before any request is made.
  const problem = selectorProblem(draft);
  const set = (patch: Partial<DeviceFilter>) => props.onFilter({ ...props.filter, ...patch });
  return h('form', { role: 'search', 'aria-label': 'Filter devices', onSubmit: (e: Event) => { e.preventDefault(); if (!problem) props.onSelector(draft.trim()); } },
    h('div', { class: 'form-grid' },
      h(Field, { id: 'f-selector', label: 'Label selector', hint: problem ?? h('span', null, 'e.g. ', h(Code, null, 'site=berlin,tier in (gpu,cpu),!canary'), '; press Enter') },
        h('input', {
          id: 'f-selector', type: 'search', value: draft, 'aria-invalid': problem ? 'true' : undefined, 'aria-describedby': 'f-selector-hint',
          onInput: (e) => setDraft(e.currentTarget.value), onBlur: () => { if (!problem && draft.trim() !== props.selector) props.onSelector(draft.trim()); },
        })),
      h(Field, { id: 'f-presence', label: 'Presence' },
        h('select', { id: 'f-presence', value: props.filter.presence ?? '', onChange: (e: Event) => set({ presence: valueOf(e) || undefined }) },
          h('option', { value: '' }, 'any'), ['online', 'offline', 'unknown'].map((p) => h('option', { key: p, value: p }, p)))),
      h(Field, { id: 'f-model', label: 'Model or version' },
        h('input', { id: 'f-model', type: 'search', placeholder: 'vad, vad:5, int8', value: props.filter.model ?? '', onInput: (e) => set({ model: e.currentTarget.value || undefined }) })),
      h(Field, { id: 'f-provider', label: 'Execution provider' },
        h('select', { id: 'f-provider', value: props.filter.provider ?? '', onChange: (e: Event) => set({ provider: valueOf(e) || undefined }) },
          h('option', { value: '' }, 'any'), props.providers.map((p) => h('option', { key: p, value: p }, p)))),
      h(Field, { id: 'f-sort', label: 'Sort by' },
        h('select', { id: 'f-sort', value: props.filter.sort ?? 'name', onChange: (e: Event) => set({ sort: valueOf(e) as DeviceFilter['sort'] }) },
          h('option', { value: 'name' }, 'name'), h('option', { value: 'last-seen' }, 'last seen')))));
}

function Devices(props: PageProps) {
  const { api } = useSession();
  const now = useTicker();
  const [selector, setSelector] = useState(props.query.get('selector') ?? '');
  const [filter, setFilter] = useState<DeviceFilter>({
    presence: props.query.get('presence') ?? undefined, model: props.query.get('model') ?? undefined,
    provider: props.query.get('provider') ?? undefined, sort: props.query.get('sort') === 'last-seen' ? 'last-seen' : 'name',
  });
  // Filters live in the URL, so a filtered list can be bookmarked or shared.
  useEffect(() => replaceQuery('/devices', { selector, presence: filter.presence, model: filter.model, provider: filter.provider, sort: filter.sort === 'name' ? undefined : filter.sort }), [selector, filter]);
  const devices = useResource((signal) => api.listDevices(selector, { signal }), [selector], { topics: ['device'], patch: patchPresence });
  const all = devices.data ?? [];
  const shown = filterDevices(all, filter);
  const filtered = selector !== '' || Boolean(filter.presence || filter.model || filter.provider);

  return h('div', null,
    h(PageHeader, { title: 'Devices', subtitle: 'Every enrolled device, what it reports running, and where it was last heard from.' }),
    h(Section, { id: 'filters', title: 'Filter' },
      h(Filters, { selector, onSelector: setSelector, filter, onFilter: setFilter, providers: allProviders(all) })),
    h(Section, { id: 'device-list', title: devices.data ? `${shown.length} of ${plural(all.length, 'device')}` : 'Devices' },
      h(ErrorNote, { error: devices.error, what: 'Could not list devices' }),
      devices.loading ? h(Loading, { what: 'devices' })
        : all.length === 0 && !selector ? h(EmptyState, { title: 'No devices enrolled yet' },
          h('p', null, 'Create an enrollment token with ', h(Code, null, 'edgefleet tokens create --role enroll --labels site=lab'),
            ', then start an agent with it: ', h(Code, null, `EDGEFLEET_CONTROL_PLANE=${location.origin} EDGEFLEET_ENROLL_TOKEN=efe_… edgefleet agent`),
            '. It appears here as soon as it enrolls.'))
        : shown.length === 0 ? h(EmptyState, { title: 'No device matches these filters' },
          filtered ? h('button', { type: 'button', onClick: () => { setSelector(''); setFilter({ sort: filter.sort }); } }, 'Clear filters') : null)
        : h(TableWrap, { label: 'Devices' }, h('table', null,
          h('thead', null, h('tr', null, ['Device', 'Presence', 'Last seen', 'Models (reported)', 'Execution provider'].map((t) => h('th', { key: t, scope: 'col' }, t)),
            h('th', { scope: 'col', class: 'hide-narrow' }, 'Labels'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Agent'))),
          h('tbody', null, shown.map((d) => h(DeviceRow, { key: d.id, device: d, now })))))));
}

export const page = definePage({
  id: 'devices',
  path: '/devices',
  title: 'Devices',
  nav: { label: 'Devices', order: 10 },
  component: Devices,
});
