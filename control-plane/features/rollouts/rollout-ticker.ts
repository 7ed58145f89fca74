/**
 * The engine's look at every active rollout, once per tick: end timed pauses, evaluate the current
 * step's gate and act on its verdict (advance, hold, roll back), finish promotions. Everything it
 * knows comes from the database, so a restarted control plane carries on from the stored state.
 */
import type { RolloutsDeps } from './rollout-ports.ts';
import { createGateRunner } from './gate-runner.ts';
import { kindAt } from './rollout-plan.ts';
import { ENGINE_ACTOR, createStepper } from './rollout-steps.ts';
import type { RolloutRow } from './rollouts.store.ts';

/** What one tick did to one rollout. */
export interface TickOutcome {
  rollout: string;
  step: number;
  action: 'skipped' | 'hold' | 'advance' | 'rollback' | 'promote' | 'complete';
  reason: string;
}

export function createRolloutTicker(deps: RolloutsDeps) {
  const { store, clock, tx, fleet } = deps;
  const stepper = createStepper(deps);
  const runner = createGateRunner(deps, stepper);

  /** Move to the next step; a promote step is then carried out at once. */
  function advance(row: RolloutRow, reason: string, evidence: Parameters<typeof stepper.enterStep>[2]['evidence'], at: string): TickOutcome {
    const { row: next, changed } = tx(() => stepper.enterStep(row, row.step + 1, { decision: 'advance', reason, actor: ENGINE_ACTOR, evidence: evidence ?? null }, at));
    fleet.publish(changed);
    if (next.state === 'promoting') return promote(next);
    const action = next.state === 'completed' ? 'complete' : 'advance';
    return { rollout: row.name, step: next.step, action, reason };
  }

  function promote(row: RolloutRow): TickOutcome {
    fleet.publish(stepper.completePromotion(row, null, 'every step passed its gates'));
    return { rollout: row.name, step: row.step, action: 'promote', reason: 'promoted' };
  }

  function gateStep(row: RolloutRow, now: Date): TickOutcome {
    const at = now.toISOString();
    tx(() => stepper.trackNewcomers(row, at));
    const verdict = runner.evaluate(row, now);
    const note = { reason: verdict.reason, actor: ENGINE_ACTOR, metric: verdict.metric, evidence: verdict.evidence };
    if (verdict.decision === 'rollback') {
      fleet.publish(tx(() => stepper.finish(row, 'rolled_back', { ...note, decision: 'rollback' }, at)));
      return { rollout: row.name, step: row.step, action: 'rollback', reason: verdict.reason };
    }
    if (verdict.decision === 'advance') return advance(row, verdict.reason, verdict.evidence, at);
    tx(() => {
      const repeated = row.lastGate?.decision === 'hold' && row.lastGate.code === verdict.code;
      if (!repeated) stepper.record(row, { ...note, decision: 'hold' }, at);
      store.update(row.id, {
        gateState: verdict.state, updatedAt: at,
        lastGate: { decision: 'hold', code: verdict.code, reason: verdict.reason, at, metric: verdict.metric },
      });
    });
    return { rollout: row.name, step: row.step, action: 'hold', reason: verdict.reason };
  }

  function tickOne(row: RolloutRow, now: Date): TickOutcome {
    const skipped = (reason: string): TickOutcome => ({ rollout: row.name, step: row.step, action: 'skipped', reason });
    if (row.state === 'paused') return skipped('paused');
    if (row.state === 'promoting') return promote(row);
    const kind = kindAt(row.spec, row.step);
    if (kind === 'pause') {
      if (!stepper.pauseOver(row, now)) return skipped('pausing');
      return advance(row, 'pause over', null, now.toISOString());
    }
    if (kind === 'shadow' || kind === 'canary') return gateStep(row, now);
    return skipped(`nothing to do at ${kind}`);
  }

  return {
    /**
     * One pass over the active rollouts. A failure in one rollout (a registry error while promoting)
     * is reported and does not stop the others; the next tick retries from the stored state.
     */
    tick(onError?: (rollout: string, err: unknown) => void): TickOutcome[] {
      const now = clock.now();
      const out: TickOutcome[] = [];
      for (const row of store.listActive()) {
        try {
          out.push(tickOne(row, now));
        } catch (err) {
          onError?.(row.name, err);
          out.push({ rollout: row.name, step: row.step, action: 'skipped', reason: `error: ${(err as Error).message}` });
        }
      }
      return out;
    },
  };
}
export type RolloutTicker = ReturnType<typeof createRolloutTicker>;
