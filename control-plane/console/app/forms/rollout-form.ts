import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Device, Fleet, ModelSummary } from '../protocol.ts';
import { Code, ErrorNote, Field, ReadOnlyNote, valueOf } from '../components/ui.ts';
import { useAction } from '../hooks/use-resource.ts';
import { describeStep, parseSteps, ROLLOUT_TEMPLATES } from '../rollout-plan-text.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { MatchPreview } from './form-bits.ts';
import { baselineChoices, candidateChoices, draftToBody, suggestName, type RolloutDraft } from './rollout-draft.ts';

export interface RolloutFormProps {
  models: readonly ModelSummary[];
  fleets: readonly Fleet[];
  devices: readonly Device[];
  onCancel: () => void;
}

function initialDraft(props: RolloutFormProps): RolloutDraft {
  // The first model that can have a candidate at all (two versions) is the likely one.
  const model = props.models.find((m) => m.versions.length > 1) ?? props.models[0];
  const baseline = baselineChoices(model)[0];
  const candidate = candidateChoices(model, baseline?.version)[0] ?? '';
  return {
    name: suggestName(model?.name ?? '', candidate), model: model?.name ?? '', baseline: baseline?.value ?? '', candidate,
    target: props.fleets.length > 0 ? 'fleet' : 'selector', fleet: props.fleets[0]?.name ?? '', selector: '',
    steps: ROLLOUT_TEMPLATES[0]!.steps, minSamples: '', minDuration: '',
  };
}

/**
 * Start a rollout: model, baseline (an alias, so promotion has something to move, or a version),
 * candidate, the devices, and the steps from a template in the CLI's `--steps` syntax. The plan
 * is checked with the protocol's schema as it is typed; the server checks it again.
 */
export function RolloutForm(props: RolloutFormProps) {
  const { api, canWrite } = useSession();
  const [draft, setDraft] = useState(() => initialDraft(props));
  const [nameTouched, setNameTouched] = useState(false);
  const [template, setTemplate] = useState(ROLLOUT_TEMPLATES[0]!.id);
  const model = props.models.find((m) => m.name === draft.model);
  const baselines = baselineChoices(model);
  const baselineVersion = baselines.find((b) => b.value === draft.baseline)?.version;
  const candidates = candidateChoices(model, baselineVersion);

  /** Apply a change, keeping baseline, candidate and the suggested name consistent with it. */
  const update = (patch: Partial<RolloutDraft>) => setDraft((d) => {
    const next = { ...d, ...patch };
    const m = props.models.find((x) => x.name === next.model);
    const bs = baselineChoices(m);
    if (!bs.some((b) => b.value === next.baseline)) next.baseline = bs[0]?.value ?? '';
    const cs = candidateChoices(m, bs.find((b) => b.value === next.baseline)?.version);
    if (!cs.includes(next.candidate)) next.candidate = cs[0] ?? '';
    if (!nameTouched) next.name = suggestName(next.model, next.candidate);
    return next;
  });

  const checked = draftToBody(draft);
  const parsedSteps = parseSteps(draft.steps);
  const start = useAction(async () => {
    if ('error' in checked) throw new Error(checked.error);
    const started = await api.startRollout(checked.body);
    location.hash = href(`/rollouts/${seg(started.name)}`);
  });
  const reason = canWrite ? undefined : 'rollout-form-read-only';

  return h('form', { 'aria-label': 'Start a rollout', onSubmit: (e: Event) => { e.preventDefault(); void start.run(); } },
    h('div', { class: 'form-grid' },
      h(Field, { id: 'ro-model', label: 'Model' },
        h('select', { id: 'ro-model', value: draft.model, onChange: (e: Event) => update({ model: valueOf(e) }) },
          props.models.map((m) => h('option', { key: m.name, value: m.name }, `${m.name} (${m.versions.length} versions)`)))),
      h(Field, { id: 'ro-baseline', label: 'Baseline', hint: 'what devices serve now; an alias lets the last step promote' },
        h('select', { id: 'ro-baseline', value: draft.baseline, 'aria-describedby': 'ro-baseline-hint', onChange: (e: Event) => update({ baseline: valueOf(e) }) },
          baselines.map((b) => h('option', { key: b.value, value: b.value }, b.label)))),
      h(Field, { id: 'ro-candidate', label: 'Candidate version', hint: candidates.length === 0 ? 'push a second version of this model first' : undefined },
        h('select', { id: 'ro-candidate', value: draft.candidate, onChange: (e: Event) => update({ candidate: valueOf(e) }) },
          candidates.map((v) => h('option', { key: v, value: v }, v)))),
      h(Field, { id: 'ro-name', label: 'Rollout name', hint: 'lowercase letters, digits and "-"; names are never reused' },
        h('input', { id: 'ro-name', type: 'text', value: draft.name, 'aria-describedby': 'ro-name-hint',
          onInput: (e) => {
            const name = e.currentTarget.value.trim();
            setNameTouched(true);
            setDraft((d) => ({ ...d, name })); // not update(): that would re-suggest the name
          } })),
      h('fieldset', null,
        h('legend', { class: 'fieldset-legend' }, 'Devices'),
        ['fleet', 'selector'].map((t) => h('span', { key: t },
          h('input', { type: 'radio', id: `ro-target-${t}`, name: 'ro-target', checked: draft.target === t, onChange: () => update({ target: t as RolloutDraft['target'] }) }), ' ',
          h('label', { for: `ro-target-${t}` }, t === 'fleet' ? 'a fleet' : 'a label selector'))),
        draft.target === 'fleet'
          ? [h('label', { key: 'l', for: 'ro-fleet', class: 'sr-only' }, 'Fleet'),
            props.fleets.length === 0 ? h('p', { key: 'e', class: 'field-error' }, 'No fleets yet: create one on the Fleets page, or use a selector.')
              : h('select', { key: 's', id: 'ro-fleet', value: draft.fleet, onChange: (e: Event) => update({ fleet: valueOf(e) }) },
                props.fleets.map((f) => h('option', { key: f.name, value: f.name }, f.name)))]
          : [h('label', { key: 'l', for: 'ro-selector', class: 'sr-only' }, 'Label selector'),
            h('input', { key: 'i', id: 'ro-selector', type: 'text', value: draft.selector, placeholder: 'site=berlin', onInput: (e) => update({ selector: e.currentTarget.value }) })],
        h(MatchPreview, {
          id: 'ro-preview', devices: props.devices,
          selector: draft.target === 'fleet' ? props.fleets.find((f) => f.name === draft.fleet)?.selector ?? '' : draft.selector,
        }))),
    h('div', { class: 'plan-row' },
      h(Field, { id: 'ro-template', label: 'Plan template' },
        h('select', { id: 'ro-template', value: template, onChange: (e: Event) => {
          const t = ROLLOUT_TEMPLATES.find((x) => x.id === valueOf(e));
          setTemplate(valueOf(e));
          if (t) update({ steps: t.steps });
        } },
        ROLLOUT_TEMPLATES.map((t) => h('option', { key: t.id, value: t.id }, t.label)), h('option', { value: 'custom' }, 'Custom (edit the steps)'))),
      h(Field, { id: 'ro-steps', label: 'Steps', hint: h('span', null, 'as for ', h(Code, null, 'edgefleet rollout start --steps'), ': shadow, canary:10, canary:50/20, pause:1h, promote') },
        h('input', { id: 'ro-steps', type: 'text', class: 'mono', value: draft.steps, 'aria-describedby': 'ro-steps-hint ro-steps-preview',
          'aria-invalid': 'error' in parsedSteps ? 'true' : undefined, onInput: (e) => { setTemplate('custom'); update({ steps: e.currentTarget.value }); } }))),
    h('div', { class: 'form-grid mt' },
      h(Field, { id: 'ro-min-samples', label: 'Predictions per arm before a gate decides', hint: 'empty: 500' },
        h('input', { id: 'ro-min-samples', type: 'text', inputMode: 'numeric', value: draft.minSamples, placeholder: '500', 'aria-describedby': 'ro-min-samples-hint',
          onInput: (e) => update({ minSamples: e.currentTarget.value.trim() }) })),
      h(Field, { id: 'ro-min-duration', label: 'Least time per step', hint: 'e.g. 10m or 1h; empty: none' },
        h('input', { id: 'ro-min-duration', type: 'text', value: draft.minDuration, placeholder: '10m', 'aria-describedby': 'ro-min-duration-hint',
          onInput: (e) => update({ minDuration: e.currentTarget.value.trim() }) }))),
    'error' in parsedSteps ? null : h('ol', { class: 'plan-preview', id: 'ro-steps-preview', 'aria-label': 'Plan preview' },
      parsedSteps.steps.map((s, i) => h('li', { key: i }, describeStep(s, { baseline: draft.baseline.startsWith('alias:') ? { alias: draft.baseline.slice(6) } : {} })))),
    'error' in checked ? h('p', { class: 'field-error', role: 'status' }, `Not ready to start: ${checked.error}`) : null,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: !canWrite || 'error' in checked || start.busy, 'aria-describedby': reason },
        start.busy ? 'Starting…' : 'Start rollout'),
      h('button', { type: 'button', onClick: props.onCancel }, 'Cancel'),
      canWrite ? null : h(ReadOnlyNote, { id: 'rollout-form-read-only', what: 'Starting rollouts needs an admin token.' })),
    h(ErrorNote, { error: start.error, what: 'Rollout not started' }));
}
