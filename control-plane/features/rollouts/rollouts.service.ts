/**
 * Rollouts: create and start, read, and the operator's actions (pause, resume, abort, promote,
 * update from YAML). The engine's side (ticks and gates) is in rollout-ticker.ts; both change a
 * rollout only through the stepper, one transaction per change, publishing after commit.
 */
import {
  EdgefleetError,
  canonicalJson,
  parseSelector,
  stepKind,
  type CreateRolloutBody,
  type DesiredState,
  type ExperimentReport,
  type RolloutDecision,
  type RolloutSpec,
  type RolloutView,
} from '../../../protocol/index.ts';
import type { Principal } from '../../http/principal.ts';
import { isShippable } from '../fleet/choose-variant.ts';
import { createGateRunner } from './gate-runner.ts';
import type { RolloutsDeps } from './rollout-ports.ts';
import { actorOf, createStepper, targetOf } from './rollout-steps.ts';
import type { RolloutRow } from './rollouts.store.ts';

export interface RolloutsService {
  create(body: CreateRolloutBody, by: Principal): RolloutView;
  /** Create, or update an active rollout's plan (`PUT`, `edgefleet apply`). */
  apply(name: string, spec: RolloutSpec, by: Principal): { rollout: RolloutView; action: 'created' | 'configured' | 'unchanged' };
  list(): RolloutView[];
  get(name: string): RolloutView;
  decisions(name: string, options?: { limit?: number; beforeId?: number }): RolloutDecision[];
  experiment(name: string): ExperimentReport;
  pause(name: string, by: Principal): RolloutView;
  resume(name: string, by: Principal): RolloutView;
  abort(name: string, by: Principal): RolloutView;
  promote(name: string, by: Principal): RolloutView;
  /** True while an active rollout uses this version as an arm: the registry must not delete it. */
  isVersionInUse(model: string, version: string): boolean;
}

const ACTIVE = new Set(['running', 'paused', 'promoting']);
/** Fields that define which experiment a rollout is; changing them needs a new rollout. */
const IDENTITY: Array<keyof RolloutSpec> = ['model', 'selector', 'fleet', 'baseline', 'candidate', 'variant'];

export function createRolloutsService(deps: RolloutsDeps): RolloutsService {
  const { store, catalog, clock, tx } = deps;
  const stepper = createStepper(deps);
  const runner = createGateRunner(deps, stepper);

  function require(name: string): RolloutRow {
    const row = store.get(name);
    if (!row) throw new EdgefleetError('NOT_FOUND', `no rollout named "${name}"`);
    return row;
  }

  function requireActive(name: string, action: string): RolloutRow {
    const row = require(name);
    if (!ACTIVE.has(row.state)) throw new EdgefleetError('CONFLICT', `rollout "${name}" is ${row.state}; cannot ${action} it`);
    return row;
  }

  function view(row: RolloutRow): RolloutView {
    const now = clock.now();
    const step = row.spec.steps[row.step];
    return {
      name: row.name, id: row.id, spec: row.spec, state: row.state, step: row.step, stepKind: step ? stepKind(step) : 'end',
      stepStartedAt: row.stepStartedAt, baselineVersion: row.baselineVersion, candidateVersion: row.candidateVersion,
      createdAt: row.createdAt, updatedAt: row.updatedAt, finishedAt: row.finishedAt,
      cohort: runner.counts(row, now), gate: row.lastGate,
    };
  }

  /** Validate a plan against the registry and fleet; returns the resolved versions. */
  function check(spec: RolloutSpec): { baseline: string; candidate: string } {
    if (spec.selector !== undefined) parseSelector(spec.selector);
    if (spec.fleet !== undefined && stepper.selectorOf(spec) === null) {
      throw new EdgefleetError('VALIDATION_FAILED', `rollout names fleet "${spec.fleet}", which does not exist`);
    }
    const baseline = catalog.resolve(spec.model, spec.baseline);
    const what = spec.baseline.alias !== undefined ? `alias "${spec.baseline.alias}"` : `version "${spec.baseline.version}"`;
    if (!baseline) throw new EdgefleetError('NOT_FOUND', `model "${spec.model}" has no ${what}`);
    const candidate = catalog.resolve(spec.model, { version: spec.candidate.version });
    if (!candidate) throw new EdgefleetError('NOT_FOUND', `model "${spec.model}" has no version "${spec.candidate.version}"`);
    if (candidate.version === baseline.version) {
      throw new EdgefleetError('VALIDATION_FAILED', `candidate and baseline are both ${spec.model}:${baseline.version}`);
    }
    if (!candidate.variants.some(isShippable)) {
      throw new EdgefleetError('VALIDATION_FAILED', `${spec.model}:${candidate.version} has no ready, signed variant to ship`);
    }
    return { baseline: baseline.version, candidate: candidate.version };
  }

  /** Run a change in one transaction, then publish the desired states it changed. */
  function commit(fn: () => DesiredState[]): void {
    const changed = tx(fn);
    deps.fleet.publish(changed);
  }

  function create(name: string, spec: RolloutSpec, by: Principal): RolloutView {
    const versions = check(spec);
    const target = targetOf(spec);
    let promoteNow = false;
    commit(() => {
      if (store.get(name)) throw new EdgefleetError('CONFLICT', `a rollout named "${name}" exists; rollouts keep their history, pick a new name`);
      const active = store.activeFor(spec.model, target);
      if (active) {
        throw new EdgefleetError('CONFLICT', `rollout "${active.name}" is already active for ${spec.model} on ${target}`, { details: { rollout: active.name } });
      }
      const at = clock.now().toISOString();
      const row: RolloutRow = {
        id: deps.newId(), name, model: spec.model, target, spec, baselineVersion: versions.baseline, candidateVersion: versions.candidate,
        state: 'running', step: 0, stepStartedAt: at, gateState: { sequential: {} }, lastGate: null,
        createdAt: at, createdBy: actorOf(by), updatedAt: at, finishedAt: null,
      };
      store.insert(row);
      const reason = `start: ${spec.model} ${versions.baseline} -> ${versions.candidate} on ${target}`;
      const entered = stepper.enterStep(row, 0, { decision: 'start', reason, actor: actorOf(by) }, at);
      promoteNow = entered.row.state === 'promoting';
      return entered.changed;
    });
    if (promoteNow) deps.fleet.publish(stepper.completePromotion(require(name), by, 'the plan starts with promote'));
    return view(require(name));
  }

  function sameSpec(a: RolloutSpec, b: RolloutSpec): boolean {
    return canonicalJson(a) === canonicalJson(b);
  }

  return {
    create: (body, by) => create(body.name, body.spec, by),

    apply(name, spec, by) {
      const existing = store.get(name);
      if (!existing) return { rollout: create(name, spec, by), action: 'created' };
      if (sameSpec(existing.spec, spec)) return { rollout: view(existing), action: 'unchanged' };
      if (!ACTIVE.has(existing.state)) {
        throw new EdgefleetError('CONFLICT', `rollout "${name}" is ${existing.state}; its plan can no longer change, start a new rollout`);
      }
      const changedIdentity = IDENTITY.filter((k) => canonicalJson(existing.spec[k] ?? null) !== canonicalJson(spec[k] ?? null));
      if (changedIdentity.length > 0) {
        throw new EdgefleetError('CONFLICT', `cannot change ${changedIdentity.join(', ')} of a running rollout; abort it and start a new one`);
      }
      if (spec.steps.length <= existing.step) {
        throw new EdgefleetError('VALIDATION_FAILED', `rollout "${name}" is at step ${existing.step}; the new plan has only ${spec.steps.length} steps`);
      }
      commit(() => {
        const at = clock.now().toISOString();
        const row: RolloutRow = { ...existing, spec, updatedAt: at };
        store.update(existing.id, { spec, updatedAt: at });
        stepper.record(row, { decision: 'update', reason: 'plan updated', actor: actorOf(by) }, at);
        return stepper.recomputeAndTrack(row, at);
      });
      return { rollout: view(require(name)), action: 'configured' };
    },

    list: () => store.list().map(view),
    get: (name) => view(require(name)),
    decisions: (name, options) => store.listDecisions(require(name).id, options),

    experiment(name) {
      const row = require(name);
      const now = clock.now();
      const until = row.finishedAt ? new Date(row.finishedAt) : now;
      const verdict = runner.evaluate(row, until, until);
      const arm = (a: typeof verdict.look.baseline) => ({
        arm: a.arm, version: a.version, devices: a.perDevice.size, predictions: a.merged?.counts.predictions ?? 0,
        labels: verdict.evidence.samples[a.arm === 'baseline' ? 'baseline' : 'candidate'].labels,
      });
      return {
        rollout: row.name, step: row.step, stepKind: verdict.evidence.stepKind, since: verdict.look.since, until: verdict.look.until,
        arms: [arm(verdict.look.baseline), arm(verdict.look.candidate)], srm: verdict.evidence.srm,
        metrics: verdict.evidence.metrics, alpha: verdict.evidence.alpha, correction: verdict.evidence.correction,
      };
    },

    pause(name, by) {
      const row = requireActive(name, 'pause');
      if (row.state !== 'running') throw new EdgefleetError('CONFLICT', `rollout "${name}" is ${row.state}, not running`);
      commit(() => {
        const at = clock.now().toISOString();
        store.update(row.id, { state: 'paused', updatedAt: at });
        stepper.record(row, { decision: 'pause', reason: 'paused by operator; devices keep the current step', actor: actorOf(by) }, at);
        return [];
      });
      return view(require(name));
    },

    resume(name, by) {
      const row = requireActive(name, 'resume');
      if (row.state !== 'paused') throw new EdgefleetError('CONFLICT', `rollout "${name}" is ${row.state}, not paused`);
      commit(() => {
        const at = clock.now().toISOString();
        const running: RolloutRow = { ...row, state: 'running', updatedAt: at };
        const step = row.spec.steps[row.step];
        // A pause step without duration is what the operator was asked to end: move past it.
        if (step && 'pause' in step && step.pause.duration === undefined) {
          return stepper.enterStep(running, row.step + 1, { decision: 'resume', reason: 'resumed by operator', actor: actorOf(by) }, at).changed;
        }
        store.update(row.id, { state: 'running', updatedAt: at });
        stepper.record(running, { decision: 'resume', reason: 'resumed by operator', actor: actorOf(by) }, at);
        return [];
      });
      const after = require(name);
      if (after.state === 'promoting') deps.fleet.publish(stepper.completePromotion(after, by, 'resumed into promotion'));
      return view(require(name));
    },

    abort(name, by) {
      const row = requireActive(name, 'abort');
      const note = { decision: 'abort', reason: 'aborted by operator: every device back on its baseline', actor: actorOf(by) } as const;
      commit(() => stepper.finish(row, 'aborted', note, clock.now().toISOString()));
      return view(require(name));
    },

    promote(name, by) {
      const row = requireActive(name, 'promote');
      if (row.state !== 'promoting') {
        commit(() => {
          const at = clock.now().toISOString();
          store.update(row.id, { state: 'promoting', updatedAt: at });
          return [];
        });
      }
      deps.fleet.publish(stepper.completePromotion(require(name), by, 'promoted by operator'));
      return view(require(name));
    },

    isVersionInUse: (model, version) =>
      store.listActive().some((r) => r.model === model && (r.baselineVersion === version || r.candidateVersion === version)),
  };
}
