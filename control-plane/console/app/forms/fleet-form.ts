import { h } from 'preact';
import { useState } from 'preact/hooks';
import { resourceNameSchema, type Device, type Fleet } from '../protocol.ts';
import { Code, ErrorNote, Field, ReadOnlyNote } from '../components/ui.ts';
import { useAction } from '../hooks/use-resource.ts';
import { useSession } from '../session.ts';
import { MatchPreview, selectorProblem } from './form-bits.ts';

/** Create a fleet (a named label selector) or edit one; the name is fixed once created. */
export function FleetForm(props: { existing?: Fleet; devices: readonly Device[]; onDone: (message: string) => void; onCancel: () => void }) {
  const { api, canWrite } = useSession();
  const editing = props.existing !== undefined;
  const [name, setName] = useState(props.existing?.name ?? '');
  const [selector, setSelector] = useState(props.existing?.selector ?? '');
  const [description, setDescription] = useState(props.existing?.description ?? '');
  const nameProblem = name && !resourceNameSchema.safeParse(name).success ? resourceNameSchema.safeParse(name).error?.issues[0]?.message : undefined;
  const save = useAction(async () => {
    await api.putFleet(name, { selector, ...(description.trim() ? { description: description.trim() } : {}) });
    props.onDone(editing ? `Saved fleet ${name}.` : `Created fleet ${name}.`);
  });
  const invalid = !name || Boolean(nameProblem) || selectorProblem(selector) !== null;
  return h('form', { 'aria-label': editing ? `Edit fleet ${name}` : 'New fleet', onSubmit: (e: Event) => { e.preventDefault(); void save.run(); } },
    h('div', { class: 'form-grid' },
      h(Field, { id: 'fleet-name', label: 'Name', hint: nameProblem ?? 'lowercase letters, digits and "-"' },
        h('input', { id: 'fleet-name', type: 'text', value: name, disabled: editing, 'aria-invalid': nameProblem ? 'true' : undefined, 'aria-describedby': 'fleet-name-hint',
          onInput: (e) => setName(e.currentTarget.value.trim()) })),
      h('div', { class: 'field' },
        h('label', { for: 'fleet-selector' }, 'Label selector'),
        h('input', { id: 'fleet-selector', type: 'text', value: selector, placeholder: 'site=berlin,tier=gpu', 'aria-describedby': 'fleet-selector-preview',
          'aria-invalid': selectorProblem(selector) ? 'true' : undefined, onInput: (e) => setSelector(e.currentTarget.value) }),
        h(MatchPreview, { id: 'fleet-selector-preview', selector, devices: props.devices })),
      h(Field, { id: 'fleet-description', label: 'Description (optional)' },
        h('input', { id: 'fleet-description', type: 'text', value: description, maxLength: 500, onInput: (e) => setDescription(e.currentTarget.value) }))),
    h('p', { class: 'hint' }, 'Selectors work like Kubernetes: ', h(Code, null, 'k=v'), ', ', h(Code, null, 'k!=v'), ', ', h(Code, null, 'k in (a,b)'), ', ', h(Code, null, '!k'), ', joined by commas.'),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: !canWrite || invalid || save.busy, 'aria-describedby': canWrite ? undefined : 'fleet-read-only' },
        save.busy ? 'Saving…' : editing ? 'Save fleet' : 'Create fleet'),
      h('button', { type: 'button', onClick: props.onCancel }, 'Cancel'),
      canWrite ? null : h(ReadOnlyNote, { id: 'fleet-read-only', what: 'Changing fleets needs an admin token.' })),
    h(ErrorNote, { error: save.error, what: 'Fleet not saved' }));
}
