import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../protocol/index.ts';
import { baselineChoices, candidateChoices, draftToBody, suggestName, type RolloutDraft } from './forms/rollout-draft.ts';
import { evaluationRelevant, rolloutRelevant } from './live-filters.ts';
import { allowedActions, describeStep, formatSteps, parseSteps, ROLLOUT_TEMPLATES, stepSummary, targetLabel } from './rollout-plan-text.ts';

// The rollout pages' pure logic, in Node; the pages themselves run in Chromium (test/console).

const at = '2026-01-01T00:00:00.000Z';

describe('rollout steps as text (the CLI --steps syntax)', () => {
  it('parses every step kind and formats it back', () => {
    const text = 'shadow:50,canary:10,canary:50/20@user,pause:1h,pause,promote:stable';
    const parsed = parseSteps(text);
    expect(parsed).toEqual({ steps: [
      { shadow: { deviceShare: 50 } }, { canary: { deviceShare: 10, requestShare: 100 } },
      { canary: { deviceShare: 50, requestShare: 20, stickyKey: 'user' } }, { pause: { duration: '1h' } }, { pause: {} }, { promote: { alias: 'stable' } },
    ] });
    expect('steps' in parsed && formatSteps(parsed.steps)).toBe(text);
    for (const t of ROLLOUT_TEMPLATES) expect(parseSteps(t.steps), t.id).toHaveProperty('steps');
  });

  it('names the step that is wrong, in words', () => {
    expect(parseSteps('shadow,canary:ten')).toEqual({ error: expect.stringContaining('"canary:ten": write canary:DEVICE%') });
    expect(parseSteps('shadow,rollback')).toEqual({ error: expect.stringContaining('"rollback" is not a step') });
    expect(parseSteps(' , ')).toEqual({ error: expect.stringContaining('at least one step') });
  });

  it('describes steps and progress for people', () => {
    const prod = { baseline: { alias: 'prod' } };
    expect(describeStep({ canary: { deviceShare: 50, requestShare: 20, stickyKey: 'user' } }, prod)).toBe('Canary on 50% of devices, 20% of their requests (sticky on user)');
    expect(describeStep({ pause: {} }, prod)).toBe('Pause until an admin resumes');
    expect(describeStep({ promote: {} }, prod)).toBe('Promote: move alias prod to the candidate');
    const parsed = parseSteps('shadow,canary:100,promote');
    if (!('steps' in parsed)) throw new Error('unparsed');
    const spec = { model: 'bc', fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' }, steps: parsed.steps };
    expect(stepSummary({ step: 1, stepKind: 'canary', state: 'running', spec })).toBe('step 2 of 3: canary');
    expect(stepSummary({ step: 3, stepKind: 'end', state: 'promoted', spec })).toBe('all 3 steps done');
    expect(targetLabel({ fleet: 'edge' })).toBe('fleet edge');
    expect(targetLabel({ selector: '' })).toBe('every device');
  });

  it('offers only the actions a state allows', () => {
    expect(allowedActions('running')).toEqual(['pause', 'promote', 'abort']);
    expect(allowedActions('paused')).toEqual(['resume', 'promote', 'abort']);
    expect(allowedActions('promoted')).toEqual([]);
  });
});

describe('the start-a-rollout form', () => {
  const model: ModelSummary = { name: 'bc', versions: ['1', '2', '3'], aliases: { prod: '2' }, latestVersion: '3', updatedAt: at };
  const draft: RolloutDraft = {
    name: 'bc-v3', model: 'bc', baseline: 'alias:prod', candidate: '3', target: 'fleet', fleet: 'edge', selector: '',
    steps: ROLLOUT_TEMPLATES[0]!.steps, minSamples: '', minDuration: '',
  };

  it('offers aliases before versions, and never the baseline as candidate', () => {
    expect(baselineChoices(model).map((c) => c.value)).toEqual(['alias:prod', 'version:3', 'version:2', 'version:1']);
    expect(candidateChoices(model, '2')).toEqual(['3', '1']);
    expect(suggestName('Silero.VAD', '2024.1')).toBe('silero-vad-v2024-1');
  });

  it('builds the POST body the protocol accepts, gates only when given', () => {
    const result = draftToBody({ ...draft, minSamples: '300', minDuration: '10m' });
    expect(result).toEqual({ body: {
      name: 'bc-v3',
      spec: expect.objectContaining({ model: 'bc', fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '3' }, gates: { minSamples: 300, minDuration: '10m' } }),
    } });
    expect('body' in draftToBody(draft) && draftToBody(draft)).toMatchObject({ body: { spec: { steps: expect.any(Array) } } });
    expect(draftToBody(draft)).not.toHaveProperty('body.spec.gates');
  });

  it('explains a plan the protocol refuses in its own words', () => {
    expect(draftToBody({ ...draft, baseline: 'version:2' })).toEqual({ error: expect.stringContaining('a promote step needs an alias') });
    expect(draftToBody({ ...draft, steps: 'promote,canary:10' })).toEqual({ error: expect.stringContaining('promote can only be the last step') });
    expect(draftToBody({ ...draft, name: 'BC!' })).toEqual({ error: expect.stringContaining('name: names are lowercase letters') });
    expect(draftToBody({ ...draft, minSamples: 'lots' })).toEqual({ error: 'minimum predictions: a whole number, 0 or more' });
    expect(draftToBody({ ...draft, minDuration: '10 minutes' })).toEqual({ error: expect.stringContaining('durations look like 90s') });
  });
});

describe('live changes the rollout and evaluation pages refetch for', () => {
  const change = (topic: string, action: string, id?: string) => ({ topic, action, at, ...(id ? { id } : {}) });

  it('refetches a rollout for its own decisions and its devices applying, not for other rollouts or device events', () => {
    expect(rolloutRelevant(change('rollout', 'rollout.advance', 'bc-v2'), 'bc-v2')).toBe(true);
    expect(rolloutRelevant(change('rollout', 'rollout.advance', 'other'), 'bc-v2')).toBe(false);
    expect(rolloutRelevant(change('rollout', 'rollout.hold', 'other'))).toBe(true);
    expect(rolloutRelevant(change('device', 'device.reported', 'dev_a'))).toBe(true);
    expect(rolloutRelevant(change('device', 'device.event', 'dev_a'))).toBe(false);
  });

  it('refetches evaluation data for summaries and profiles of its model, and every alert check', () => {
    expect(evaluationRelevant(change('evaluation', 'evaluation.summary', 'bc:2'), 'bc')).toBe(true);
    expect(evaluationRelevant(change('evaluation', 'evaluation.summary', 'bcx:2'), 'bc')).toBe(false);
    expect(evaluationRelevant(change('model', 'model.profile.build', 'bc:1'), 'bc')).toBe(true);
    expect(evaluationRelevant(change('model', 'model.alias.set', 'bc'), 'bc')).toBe(false);
    expect(evaluationRelevant(change('alert', 'alert.evaluate'), 'bc')).toBe(true);
  });
});
