import { h } from 'preact';
import { useState } from 'preact/hooks';
import {
  resourceNameSchema, variantSchema,
  type Assignment, type AssignmentSpec, type Device, type Fleet, type ModelSummary, type Variant,
} from '../protocol.ts';
import { ErrorNote, Field, ReadOnlyNote, valueOf } from '../components/ui.ts';
import { useAction } from '../hooks/use-resource.ts';
import { useSession } from '../session.ts';
import { MatchPreview, selectorProblem } from './form-bits.ts';

export interface AssignmentFormProps {
  existing?: Assignment;
  models: readonly ModelSummary[];
  fleets: readonly Fleet[];
  devices: readonly Device[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

function Radio(props: { name: string; value: string; checked: boolean; label: string; onPick: () => void }) {
  const id = `${props.name}-${props.value}`;
  return h('span', null,
    h('input', { type: 'radio', id, name: props.name, value: props.value, checked: props.checked, onChange: props.onPick }), ' ',
    h('label', { for: id }, props.label));
}

/**
 * "Devices matching this selector (or fleet) serve this model at this alias or version." The
 * protocol wants exactly one of alias/version and of selector/fleet; the radios make that the
 * only thing one can submit.
 */
export function AssignmentForm(props: AssignmentFormProps) {
  const { api, canWrite } = useSession();
  const spec = props.existing?.spec;
  const editing = props.existing !== undefined;
  const [name, setName] = useState(props.existing?.name ?? '');
  const [model, setModel] = useState(spec?.model ?? props.models[0]?.name ?? '');
  const [refKind, setRefKind] = useState<'alias' | 'version'>(spec?.version !== undefined ? 'version' : 'alias');
  const [ref, setRef] = useState(spec?.alias ?? spec?.version ?? '');
  const [targetKind, setTargetKind] = useState<'fleet' | 'selector'>(spec?.fleet !== undefined || (!spec && props.fleets.length > 0) ? 'fleet' : 'selector');
  const [fleet, setFleet] = useState(spec?.fleet ?? props.fleets[0]?.name ?? '');
  const [selector, setSelector] = useState(spec?.selector ?? '');
  const [variant, setVariant] = useState<Variant | ''>(spec?.variant ?? '');

  const summary = props.models.find((m) => m.name === model);
  const choices = refKind === 'alias' ? Object.keys(summary?.aliases ?? {}) : [...(summary?.versions ?? [])].reverse();
  const chosenRef = choices.includes(ref) ? ref : choices[0] ?? '';
  const targetSelector = targetKind === 'fleet' ? props.fleets.find((f) => f.name === fleet)?.selector ?? '' : selector;
  const nameProblem = name && !resourceNameSchema.safeParse(name).success ? resourceNameSchema.safeParse(name).error?.issues[0]?.message : undefined;
  const invalid = !name || Boolean(nameProblem) || !model || !chosenRef || (targetKind === 'fleet' ? !fleet : selectorProblem(selector) !== null);

  const save = useAction(async () => {
    const body: AssignmentSpec = {
      model,
      ...(refKind === 'alias' ? { alias: chosenRef } : { version: chosenRef }),
      ...(targetKind === 'fleet' ? { fleet } : { selector }),
      ...(variant ? { variant } : {}),
    };
    await api.putAssignment(name, body);
    props.onDone(editing ? `Saved assignment ${name}.` : `Created assignment ${name}.`);
  });

  return h('form', { 'aria-label': editing ? `Edit assignment ${name}` : 'New assignment', onSubmit: (e: Event) => { e.preventDefault(); void save.run(); } },
    h('div', { class: 'form-grid' },
      h(Field, { id: 'asg-name', label: 'Name', hint: nameProblem ?? 'lowercase letters, digits and "-"' },
        h('input', { id: 'asg-name', type: 'text', value: name, disabled: editing, 'aria-describedby': 'asg-name-hint', 'aria-invalid': nameProblem ? 'true' : undefined,
          onInput: (e) => setName(e.currentTarget.value.trim()) })),
      h(Field, { id: 'asg-model', label: 'Model' },
        h('select', { id: 'asg-model', value: model, onChange: (e: Event) => setModel(valueOf(e)) },
          props.models.map((m) => h('option', { key: m.name, value: m.name }, m.name)))),
      h('fieldset', null,
        h('legend', { class: 'fieldset-legend' }, 'Follow'),
        h(Radio, { name: 'asg-ref', value: 'alias', label: 'an alias', checked: refKind === 'alias', onPick: () => setRefKind('alias') }),
        h(Radio, { name: 'asg-ref', value: 'version', label: 'a fixed version', checked: refKind === 'version', onPick: () => setRefKind('version') }),
        h('label', { for: 'asg-ref-value', class: 'sr-only' }, refKind === 'alias' ? 'Alias' : 'Version'),
        choices.length === 0
          ? h('p', { class: 'field-error', id: 'asg-ref-value' }, refKind === 'alias' ? 'This model has no aliases; set one on its page or pick a version.' : 'This model has no versions.')
          : h('select', { id: 'asg-ref-value', value: chosenRef, onChange: (e: Event) => setRef(valueOf(e)) },
            choices.map((c) => h('option', { key: c, value: c }, c)))),
      h('fieldset', null,
        h('legend', { class: 'fieldset-legend' }, 'Devices'),
        h(Radio, { name: 'asg-target', value: 'fleet', label: 'a fleet', checked: targetKind === 'fleet', onPick: () => setTargetKind('fleet') }),
        h(Radio, { name: 'asg-target', value: 'selector', label: 'a label selector', checked: targetKind === 'selector', onPick: () => setTargetKind('selector') }),
        targetKind === 'fleet'
          ? [h('label', { key: 'l', for: 'asg-fleet', class: 'sr-only' }, 'Fleet'),
            props.fleets.length === 0 ? h('p', { key: 'e', class: 'field-error' }, 'No fleets yet; create one above or use a selector.')
              : h('select', { key: 's', id: 'asg-fleet', value: fleet, onChange: (e: Event) => setFleet(valueOf(e)), 'aria-describedby': 'asg-preview' },
                props.fleets.map((f) => h('option', { key: f.name, value: f.name }, f.name)))]
          : [h('label', { key: 'l', for: 'asg-selector', class: 'sr-only' }, 'Label selector'),
            h('input', { key: 'i', id: 'asg-selector', type: 'text', value: selector, placeholder: 'site=berlin', 'aria-describedby': 'asg-preview',
              onInput: (e) => setSelector(e.currentTarget.value) })],
        h(MatchPreview, { id: 'asg-preview', selector: targetSelector, devices: props.devices })),
      h(Field, { id: 'asg-variant', label: 'Variant', hint: 'fp32 unless the chosen variant is ready and signed' },
        h('select', { id: 'asg-variant', value: variant, 'aria-describedby': 'asg-variant-hint', onChange: (e: Event) => setVariant((valueOf(e) || '') as Variant | '') },
          h('option', { value: '' }, 'default'), variantSchema.options.map((v) => h('option', { key: v, value: v }, v))))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: !canWrite || invalid || save.busy, 'aria-describedby': canWrite ? undefined : 'asg-read-only' },
        save.busy ? 'Saving…' : editing ? 'Save assignment' : 'Create assignment'),
      h('button', { type: 'button', onClick: props.onCancel }, 'Cancel'),
      canWrite ? null : h(ReadOnlyNote, { id: 'asg-read-only', what: 'Changing assignments needs an admin token.' })),
    h(ErrorNote, { error: save.error, what: 'Assignment not saved' }));
}
