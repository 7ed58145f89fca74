import { createRolloutBodySchema, describeZodError, type CreateRolloutBody, type ModelSummary } from '../protocol.ts';
import { parseSteps } from '../rollout-plan-text.ts';

/**
 * What the start-a-rollout form holds, and how it becomes a `POST /v1/rollouts` body. Pure, so the
 * rules (defaults, the protocol's own validation in words) are unit-tested in Node.
 */
export interface RolloutDraft {
  name: string;
  model: string;
  /** `alias:prod` or `version:1`. */
  baseline: string;
  candidate: string;
  target: 'fleet' | 'selector';
  fleet: string;
  selector: string;
  steps: string;
  /** Predictions per arm before a gate decides; empty for the server default (500). */
  minSamples: string;
  /** Least time per step (`10m`); empty for none. */
  minDuration: string;
}

/** Baseline choices: the model's aliases first (a promotion moves one), then its versions, newest first. */
export function baselineChoices(model: ModelSummary | undefined): Array<{ value: string; label: string; version: string }> {
  if (!model) return [];
  const aliases = Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, version]) => ({ value: `alias:${alias}`, label: `alias ${alias} (now ${version})`, version }));
  const versions = [...model.versions].reverse().map((v) => ({ value: `version:${v}`, label: `version ${v}`, version: v }));
  return [...aliases, ...versions];
}

/** Candidate choices: every version but the baseline's, newest first. */
export function candidateChoices(model: ModelSummary | undefined, baselineVersion: string | undefined): string[] {
  return model ? [...model.versions].reverse().filter((v) => v !== baselineVersion) : [];
}

/** `bc-v2` from model `bc` and candidate `2`: a valid resource name, or '' when nothing fits. */
export function suggestName(model: string, candidate: string): string {
  const raw = `${model}-v${candidate}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  return raw.replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
}

/**
 * The request body, or the first problems in words (the protocol schema's own messages, so the
 * form and the API never disagree about what is valid).
 *
 * @example draftToBody({ ...draft, steps: 'canary:10,promote', baseline: 'version:1' }) // { error: 'steps: a promote step needs an alias…' }
 */
export function draftToBody(draft: RolloutDraft): { body: CreateRolloutBody } | { error: string } {
  const parsed = parseSteps(draft.steps);
  if ('error' in parsed) return { error: `steps: ${parsed.error}` };
  const [kind, ref = ''] = draft.baseline.split(/:(.*)/s, 2);
  const minSamples = draft.minSamples.trim() === '' ? undefined : Number(draft.minSamples);
  if (minSamples !== undefined && !(Number.isInteger(minSamples) && minSamples >= 0)) return { error: 'minimum predictions: a whole number, 0 or more' };
  const minDuration = draft.minDuration.trim();
  const gates = { ...(minSamples !== undefined ? { minSamples } : {}), ...(minDuration ? { minDuration } : {}) };
  const raw = {
    name: draft.name,
    spec: {
      model: draft.model,
      ...(draft.target === 'fleet' ? { fleet: draft.fleet } : { selector: draft.selector.trim() }),
      baseline: kind === 'alias' ? { alias: ref } : { version: ref },
      candidate: { version: draft.candidate },
      steps: parsed.steps,
      ...(Object.keys(gates).length > 0 ? { gates } : {}),
    },
  };
  const result = createRolloutBodySchema.safeParse(raw);
  return result.success ? { body: result.data } : { error: describeZodError(result.error) };
}
