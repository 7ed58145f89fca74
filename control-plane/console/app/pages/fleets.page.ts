import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Assignment, Device, Fleet } from '../protocol.ts';
import { Code, DoneNote, EmptyState, ErrorNote, Loading, PageHeader, ReadOnlyNote, RelTime, Section, TableWrap } from '../components/ui.ts';
import { AssignmentForm } from '../forms/assignment-form.ts';
import { ConfirmButton, matchingDevices } from '../forms/form-bits.ts';
import { FleetForm } from '../forms/fleet-form.ts';
import { useAction, useResource, useTicker } from '../hooks/use-resource.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage } from './page-registry.ts';

type Editing = { kind: 'fleet'; existing?: Fleet } | { kind: 'assignment'; existing?: Assignment } | null;

const count = (selector: string, devices: readonly Device[]) => matchingDevices(selector, devices)?.length ?? '—';

function FleetRows(props: { fleets: Fleet[]; devices: Device[]; now: number; onEdit: (f: Fleet) => void; onDelete: (f: Fleet) => void }) {
  const { canWrite } = useSession();
  const reason = canWrite ? undefined : 'fleets-read-only';
  return h('tbody', null, props.fleets.map((f) => h('tr', { key: f.name },
    h('td', null, f.name, f.description ? h('span', { class: 'cell-sub' }, f.description) : null),
    h('td', null, h('a', { href: href('/devices', { selector: f.selector }) }, h(Code, null, f.selector || '(every device)'))),
    h('td', { class: 'num' }, count(f.selector, props.devices)),
    h('td', { class: 'hide-narrow' }, h(RelTime, { iso: f.updatedAt, now: props.now })),
    h('td', null, h('div', { class: 'row-actions' },
      h('button', { type: 'button', disabled: !canWrite, 'aria-describedby': reason, 'aria-label': `Edit fleet ${f.name}`, onClick: () => props.onEdit(f) }, 'Edit'),
      h(ConfirmButton, { label: 'Delete', confirmLabel: `Delete ${f.name}?`, disabled: !canWrite, describedBy: reason, onConfirm: () => props.onDelete(f) }))))));
}

function AssignmentRows(props: { assignments: Assignment[]; fleets: Fleet[]; devices: Device[]; now: number; onEdit: (a: Assignment) => void; onDelete: (a: Assignment) => void }) {
  const { canWrite } = useSession();
  const reason = canWrite ? undefined : 'fleets-read-only';
  return h('tbody', null, props.assignments.map((a) => {
    const s = a.spec;
    const selector = s.fleet !== undefined ? props.fleets.find((f) => f.name === s.fleet)?.selector ?? '' : s.selector ?? '';
    return h('tr', { key: a.name },
      h('td', null, a.name),
      h('td', null, h('a', { href: href(`/models/${seg(s.model)}`) }, s.model), ' ',
        h('span', { class: 'mono' }, s.alias !== undefined ? `@${s.alias}` : `:${s.version ?? ''}`)),
      h('td', null, s.fleet !== undefined ? ['fleet ', h('strong', { key: 'f' }, s.fleet)] : h(Code, null, s.selector || '(every device)')),
      h('td', null, s.variant ?? 'default'),
      h('td', { class: 'num' }, count(selector, props.devices)),
      h('td', { class: 'hide-narrow' }, h(RelTime, { iso: a.updatedAt, now: props.now })),
      h('td', null, h('div', { class: 'row-actions' },
        h('button', { type: 'button', disabled: !canWrite, 'aria-describedby': reason, 'aria-label': `Edit assignment ${a.name}`, onClick: () => props.onEdit(a) }, 'Edit'),
        h(ConfirmButton, { label: 'Delete', confirmLabel: `Delete ${a.name}?`, disabled: !canWrite, describedBy: reason, onConfirm: () => props.onDelete(a) }))));
  }));
}

const th = (labels: string[], narrow: string[] = []) => h('thead', null, h('tr', null,
  labels.map((t) => h('th', { key: t, scope: 'col', class: narrow.includes(t) ? 'hide-narrow' : undefined }, t))));

function Fleets() {
  const { api, canWrite } = useSession();
  const now = useTicker(60_000);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | undefined>();
  const data = useResource(async (signal) => {
    const [fleets, assignments, devices, models] = await Promise.all([
      api.listFleets({ signal }), api.listAssignments({ signal }), api.listDevices('', { signal }), api.listModels({ signal })]);
    return { fleets, assignments, devices, models };
  }, [], {
    topics: ['fleet', 'assignment', 'device', 'model'],
    // Matching counts change only when devices come, go or get new labels.
    when: (c) => c.topic !== 'device' || ['device.enroll', 'device.update', 'device.delete'].includes(c.action),
  });
  const remove = useAction(async (kind: 'fleet' | 'assignment', name: string) => {
    if (kind === 'fleet') await api.deleteFleet(name);
    else await api.deleteAssignment(name);
    return `Deleted ${kind} ${name}.`;
  });
  const done = (m: string) => { setEditing(null); setMessage(m); };
  const d = data.data;
  const open = (e: Editing) => { setMessage(undefined); remove.reset(); setEditing(e); };
  const close = () => setEditing(null);
  const reason = canWrite ? undefined : 'fleets-read-only';
  const newButton = (label: string, kind: 'fleet' | 'assignment', enabled: boolean) =>
    h('button', { type: 'button', class: 'primary', disabled: !canWrite || !enabled, 'aria-describedby': reason, onClick: () => open({ kind }) }, label);

  return h('div', null,
    h(PageHeader, { title: 'Fleets & assignments', subtitle: 'Fleets name groups of devices by labels; assignments say which model version they serve.' }),
    canWrite ? null : h(ReadOnlyNote, { id: 'fleets-read-only', what: 'Creating, editing and deleting fleets and assignments needs an admin token.' }),
    h(ErrorNote, { error: data.error, what: 'Could not load fleets' }),
    h(ErrorNote, { error: remove.error, what: 'Not deleted' }),
    h(DoneNote, { message: message ?? remove.done }),
    !d ? h(Loading, { what: 'fleets and assignments' }) : [
      h(Section, { key: 'fleets', id: 'fleets', title: 'Fleets', actions: newButton('New fleet', 'fleet', true) },
        editing?.kind === 'fleet'
          ? h(FleetForm, { key: editing.existing?.name ?? 'new', devices: d.devices, onDone: done, onCancel: close, ...(editing.existing ? { existing: editing.existing } : {}) })
          : null,
        d.fleets.length === 0
          ? h(EmptyState, { title: 'No fleets yet' }, h('p', null, 'A fleet is a named label selector, like ', h(Code, null, 'site=berlin,tier=gpu'),
            '. Create one with New fleet, or declare it in YAML and run ', h(Code, null, 'edgefleet apply -f fleet-configs/'), '.'))
          : h(TableWrap, { label: 'Fleets' }, h('table', null, th(['Fleet', 'Selector', 'Devices', 'Updated', 'Actions'], ['Updated']),
            h(FleetRows, {
              fleets: d.fleets, devices: d.devices, now,
              onEdit: (f) => open({ kind: 'fleet', existing: f }), onDelete: (f) => void remove.run('fleet', f.name),
            })))),
      h(Section, { key: 'assignments', id: 'assignments', title: 'Assignments', actions: newButton('New assignment', 'assignment', d.models.length > 0) },
        editing?.kind === 'assignment'
          ? h(AssignmentForm, {
            key: editing.existing?.name ?? 'new', models: d.models, fleets: d.fleets, devices: d.devices, onDone: done, onCancel: close,
            ...(editing.existing ? { existing: editing.existing } : {}),
          })
          : null,
        d.assignments.length === 0
          ? h(EmptyState, { title: 'No assignments yet' }, h('p', null, d.models.length === 0
            ? ['Push a model on the ', h('a', { key: 'm', href: href('/models') }, 'Models page'), ' first; then assign it to a fleet or a selector here.']
            : 'Devices run nothing until an assignment matches them. Create one with New assignment.'))
          : h(TableWrap, { label: 'Assignments' }, h('table', null, th(['Assignment', 'Model', 'Devices by', 'Variant', 'Devices', 'Updated', 'Actions'], ['Updated']),
            h(AssignmentRows, {
              assignments: d.assignments, fleets: d.fleets, devices: d.devices, now,
              onEdit: (a) => open({ kind: 'assignment', existing: a }), onDelete: (a) => void remove.run('assignment', a.name),
            })))),
    ]);
}

export const page = definePage({
  id: 'fleets',
  path: '/fleets',
  title: 'Fleets & assignments',
  nav: { label: 'Fleets & assignments', order: 30 },
  component: Fleets,
});
