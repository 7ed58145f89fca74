/**
 * State transitions of a rollout, each in one transaction with its decision and audit entry: enter
 * a step (recompute the target's desired states, record which revision carries the step), finish,
 * promote. Callers publish the returned desired states after the transaction commits.
 */
import {
  EdgefleetError,
  durationSeconds,
  parseSelector,
  type DecisionKind,
  type DesiredState,
  type Device,
  type GateEvidence,
  type RolloutSpec,
} from '../../../protocol/index.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import { inStepCohort } from './rollout-directives.ts';
import { kindAt, promoteAlias, trafficAt } from './rollout-plan.ts';
import type { RolloutsDeps } from './rollout-ports.ts';
import type { RolloutRow } from './rollouts.store.ts';

export const ENGINE_ACTOR = 'engine';

/** A decision to record: who, what, why, and the evidence when a gate made it. */
export interface DecisionNote {
  decision: DecisionKind;
  reason: string;
  actor: string;
  metric?: string | null;
  evidence?: GateEvidence | null;
}

/** `fleet:<name>` or `selector:<normalised selector>`: one active rollout per model and target. */
export function targetOf(spec: RolloutSpec): string {
  return spec.fleet !== undefined ? `fleet:${spec.fleet}` : `selector:${parseSelector(spec.selector ?? '').source}`;
}

/** The synthetic principal the engine acts as when it moves an alias (the audit names the rollout). */
export function enginePrincipal(rolloutName: string): Principal {
  return { kind: 'token', tokenId: `rollout:${rolloutName}`, role: 'admin' };
}

export const actorOf = (by: Principal | null): string => (by ? actorName(by) : ENGINE_ACTOR);

export function createStepper(deps: RolloutsDeps) {
  const { store, fleet, audit } = deps;

  function selectorOf(spec: RolloutSpec): string | null {
    return spec.fleet !== undefined ? fleet.fleetSelector(spec.fleet) : (spec.selector ?? '');
  }

  /** Devices the target reaches that serve the model (assignments decide where a model runs). */
  function targetDevices(row: Pick<RolloutRow, 'spec' | 'model'>): Device[] {
    const selector = selectorOf(row.spec);
    if (selector === null) return [];
    return fleet.devices(selector).filter((d) => fleet.desiredState(d.id).models.some((m) => m.name === row.model));
  }

  function record(row: RolloutRow, note: DecisionNote, at: string): void {
    store.insertDecision({
      rolloutId: row.id, at, step: row.step, decision: note.decision, reason: note.reason, actor: note.actor,
      metric: note.metric ?? null, evidence: note.evidence ?? null,
    });
    const details = { step: row.step, reason: note.reason, ...(note.metric ? { metric: note.metric } : {}) };
    audit.record({ at, actor: note.actor, action: `rollout.${note.decision}`, target: row.name, details });
  }

  /**
   * Recompute the target's desired states, then note the revision each device must report. A
   * finished rollout keeps its last step's devices, so its experiment report still reads them.
   */
  function recomputeAndTrack(row: RolloutRow, at: string): DesiredState[] {
    const devices = targetDevices(row);
    const changed = fleet.recompute(devices.map((d) => d.id));
    if (!['running', 'paused', 'promoting'].includes(row.state)) return changed;
    store.clearDevices(row.id);
    const traffic = trafficAt(row.spec, row.step);
    for (const d of devices) {
      store.upsertDevice(row.id, {
        deviceId: d.id, step: row.step, inCohort: inStepCohort({ id: row.id, traffic }, d.id),
        revision: fleet.desiredState(d.id).revision, since: at,
      });
    }
    return changed;
  }

  /** Track devices that joined the target mid-step (enrolled, relabelled) from now on. */
  function trackNewcomers(row: RolloutRow, at: string): void {
    const known = new Set(store.devices(row.id).map((d) => d.deviceId));
    const traffic = trafficAt(row.spec, row.step);
    for (const d of targetDevices(row)) {
      if (known.has(d.id)) continue;
      store.upsertDevice(row.id, {
        deviceId: d.id, step: row.step, inCohort: inStepCohort({ id: row.id, traffic }, d.id),
        revision: fleet.desiredState(d.id).revision, since: at,
      });
    }
  }

  /** Leave the rollout for good: the overlay drops it, so the target goes back to its assignments. */
  function finish(row: RolloutRow, state: 'rolled_back' | 'aborted' | 'completed' | 'promoted', note: DecisionNote, at: string): DesiredState[] {
    const next: RolloutRow = { ...row, state, finishedAt: at, updatedAt: at };
    store.update(row.id, { state, finishedAt: at, updatedAt: at });
    record(next, note, at);
    return recomputeAndTrack(next, at);
  }

  /**
   * Move to step `index` (call inside a transaction). A pause without duration parks the rollout
   * until resumed; a promote step parks it as `promoting` until the alias has moved; past the last
   * step the rollout completes and devices go back to their assignments.
   */
  function enterStep(row: RolloutRow, index: number, note: DecisionNote, at: string): { row: RolloutRow; changed: DesiredState[] } {
    const kind = kindAt(row.spec, index);
    if (kind === 'end') {
      const changed = finish(row, 'completed', { ...note, decision: 'complete', reason: `${note.reason}; plan finished without promotion` }, at);
      return { row: store.get(row.name)!, changed };
    }
    const step = row.spec.steps[index]!;
    const state = kind === 'promote' ? 'promoting' : 'pause' in step && step.pause.duration === undefined ? 'paused' : 'running';
    const next: RolloutRow = { ...row, step: index, state, stepStartedAt: at, gateState: { sequential: {} }, lastGate: null, updatedAt: at };
    store.update(row.id, { step: index, state, stepStartedAt: at, gateState: next.gateState, lastGate: null, updatedAt: at });
    // The decision is about the step that was decided on (its gate's evidence), not the one entered.
    record(row, { ...note, reason: note.decision === 'start' ? note.reason : `${note.reason}; step ${row.step} -> ${index} (${kind})` }, at);
    return { row: next, changed: recomputeAndTrack(next, at) };
  }

  /**
   * Promotion, outside any transaction: move the alias (the registry's own transaction, which
   * refreshes desired states), then finish. A crash in between leaves `promoting`, and the next tick
   * repeats both steps, which is safe: pointing an alias at the version it points at changes nothing.
   */
  function completePromotion(row: RolloutRow, by: Principal | null, reason: string): DesiredState[] {
    const alias = promoteAlias(row.spec);
    if (!alias) throw new EdgefleetError('VALIDATION_FAILED', `rollout "${row.name}" has no alias to promote`);
    deps.catalog.setAlias(row.model, alias, row.candidateVersion, by ?? enginePrincipal(row.name));
    const at = deps.clock.now().toISOString();
    return deps.tx(() => {
      const current = store.get(row.name);
      if (!current || current.state !== 'promoting') return [];
      return finish(current, 'promoted', { decision: 'promote', reason: `${alias} -> ${row.candidateVersion}: ${reason}`, actor: actorOf(by) }, at);
    });
  }

  /** Has a timed pause step run its course? */
  function pauseOver(row: RolloutRow, now: Date): boolean {
    const step = row.spec.steps[row.step];
    if (!step || !('pause' in step) || step.pause.duration === undefined) return false;
    return now.getTime() - Date.parse(row.stepStartedAt) >= durationSeconds(step.pause.duration) * 1000;
  }

  return { targetDevices, selectorOf, record, recomputeAndTrack, trackNewcomers, finish, enterStep, completePromotion, pauseOver };
}
export type Stepper = ReturnType<typeof createStepper>;
