import { describe, expect, it } from 'vitest';
import { LATENCY_EDGES_MS, extendedBinIndex, type CohortCounts, type SummaryStats } from '../../../protocol/index.ts';
import { addToMoments, createMoments, mulberry32, normalSampler } from '../../../protocol/stats/index.ts';
import type { ArmData } from './arm-data.ts';
import { evaluateGate, type GateInput, type GateState } from './gate.ts';
import { alignProfiles } from './profile-alignment.ts';
import { syntheticProfile } from '../../../protocol/testing/synthetic-traffic.ts';
import { resolveGates, type ExperimentDesign } from './rollout-plan.ts';

// The gate as a pure function over arm data built by hand: every rule, and the false-alarm rate
// of the sequential comparisons under no difference, measured by simulation.

/** Mutable sufficient statistics of one arm on one device, turned into SummaryStats on demand. */
class ArmSink {
  predictions = 0;
  errors = 0;
  latency = createMoments();
  counts = new Array<number>(LATENCY_EDGES_MS.length + 1).fill(0);
  add(latencyMs: number, error: boolean): void {
    this.predictions++;
    if (error) this.errors++;
    addToMoments(this.latency, latencyMs);
    this.counts[extendedBinIndex(LATENCY_EDGES_MS, latencyMs)]!++;
  }
  stats(): SummaryStats {
    return {
      windowStart: '2026-03-02T08:00:00.000Z', windowEnd: '2026-03-02T08:01:00.000Z',
      counts: { predictions: this.predictions, errors: this.errors, nanOutputs: 0, violations: [] },
      features: [], latency: { counts: [...this.counts], moments: { ...this.latency } },
    };
  }
}

const arm = (name: string, sink: ArmSink | null): ArmData => ({
  arm: name, version: name === 'baseline' ? '1' : '2', merged: sink && sink.predictions > 0 ? sink.stats() : null,
  perDevice: sink && sink.predictions > 0 ? new Map([['dev_0000001', sink.stats()]]) : new Map(), excludedPredictions: 0, profileSha256: '',
});

const applied: CohortCounts = { target: 10, cohort: 10, applied: 10, pending: 0, offline: 0, timedOut: 0, failed: 0 };
const within: ExperimentDesign = { unit: 'requests', expectedShares: [50, 50], baselineFrom: 'cohort' };
const spec = (gates: Record<string, unknown> = {}) => ({
  model: 'bc', fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' },
  steps: [{ canary: { deviceShare: 100, requestShare: 50 } }], gates: { minSamples: 200, ...gates },
});

function input(baseline: ArmSink | null, candidate: ArmSink | null, overrides: Partial<GateInput> = {}, gates?: Record<string, unknown>): GateInput {
  return {
    step: 0, stepKind: 'canary', since: '2026-03-02T08:00:00.000Z', now: new Date('2026-03-02T09:00:00.000Z'),
    stepStartedAt: '2026-03-02T08:00:00.000Z', gates: resolveGates(spec(gates) as never, 0), design: within, shadow: false,
    baseline: arm('baseline', baseline), candidate: arm('candidate', candidate), cohort: applied, state: { sequential: {} },
    ...overrides,
  };
}

function fill(n: number, seed: number, latency = 10, errorRate = 0.02): ArmSink {
  const random = mulberry32(seed);
  const normal = normalSampler(random);
  const sink = new ArmSink();
  for (let i = 0; i < n; i++) sink.add(latency + 2 * normal(), random() < errorRate);
  return sink;
}

describe('profile alignment', () => {
  it('compares features only when both versions bin them alike; probability scores always line up', () => {
    const shape = { numeric: 2, categorical: 1, classes: 2 };
    const same = alignProfiles(syntheticProfile(shape, 300, 1), { ...syntheticProfile(shape, 300, 1), version: '2' });
    expect(same).toEqual({ features: [true, true, true], classes: true, scores: true });
    const rebuilt = alignProfiles(syntheticProfile(shape, 300, 1), syntheticProfile(shape, 300, 2));
    expect(rebuilt?.features.slice(0, 2)).toEqual([false, false]); // other reference rows, other equal-mass edges
    expect(rebuilt).toMatchObject({ classes: true, scores: true });
    expect(alignProfiles(null, syntheticProfile(shape, 300, 1))).toBeNull();
  });
});

describe('gate rules', () => {
  it('holds without traffic, and with too little of it', () => {
    expect(evaluateGate(input(null, null))).toMatchObject({ decision: 'hold', code: 'not_enough_data' });
    const few = evaluateGate(input(fill(500, 1), fill(50, 2)));
    expect(few).toMatchObject({ decision: 'hold', code: 'not_enough_data' });
    expect(few.reason).toBe('not enough data: candidate 50/200 predictions on 1/1 devices');
  });

  it('holds on a sample ratio mismatch (chi-squared p < 0.001) before looking at any metric', () => {
    const verdict = evaluateGate(input(fill(1300, 1), fill(1000, 2, 30)));
    expect(verdict).toMatchObject({ decision: 'hold', code: 'srm', metric: 'srm' });
    expect(verdict.evidence.srm).toMatchObject({ unit: 'requests', observed: [1300, 1000], mismatch: true });
    // 1040:1000 is within chance: no SRM.
    expect(evaluateGate(input(fill(1040, 1), fill(1000, 2))).evidence.srm?.mismatch).toBe(false);
  });

  it('rolls back on a broken absolute guardrail and on harm beyond the margin, naming the metric', () => {
    const slow = evaluateGate(input(fill(1000, 1), fill(1000, 2, 12)));
    expect(slow).toMatchObject({ decision: 'rollback', code: 'harm', metric: 'latency_mean_ms' });
    const latency = slow.evidence.metrics.find((m) => m.metric === 'latency_mean_ms')!;
    expect(latency.threshold).toBeCloseTo(1, 1); // 10% of the baseline mean
    expect(latency.adjustedP!).toBeLessThan(0.05);
    expect(latency.power!).toBeGreaterThan(0.9);

    const errors = evaluateGate(input(fill(1000, 1), fill(1000, 2, 10, 0.1), {}, { guardrails: { maxErrorRate: 0.05 } }));
    expect(errors.decision).toBe('rollback');
    expect(errors.reason).toMatch(/error_rate: candidate 0\.\d+ above the limit 0\.05/);
  });

  it('waits for devices still applying, then for the minimum duration, then advances', () => {
    const pending = evaluateGate(input(fill(1000, 1), fill(1000, 2), { cohort: { ...applied, applied: 8, pending: 2 } }));
    expect(pending).toMatchObject({ decision: 'hold', code: 'pending_devices' });
    const early = evaluateGate(input(fill(1000, 1), fill(1000, 2), {}, { minDuration: '2h' }));
    expect(early).toMatchObject({ decision: 'hold', code: 'min_duration' });
    const ok = evaluateGate(input(fill(1000, 1), fill(1000, 2)));
    expect(ok).toMatchObject({ decision: 'advance', code: 'passed' });
    expect(ok.state.sequential.latency_mean_ms?.looks).toBe(1);
  });

  it('with every device on the candidate, checks guardrails only', () => {
    const all: ExperimentDesign = { unit: 'devices', expectedShares: [0, 10], baselineFrom: 'none' };
    const verdict = evaluateGate(input(null, fill(1000, 2), { design: all }, { guardrails: { maxP95LatencyMs: 20 } }));
    expect(verdict.decision).toBe('advance');
    expect(verdict.evidence.metrics.map((m) => m.metric)).toEqual(['latency_p95_ms']);
    expect(verdict.evidence.srm).toBeNull();
  });
});

/**
 * Simulated rollouts with no difference between the arms: each look adds `batch` requests per arm
 * (latency N(10, 2²) ms, 2% errors) and runs the gate, carrying its sequential state like the
 * engine does. A false alarm is a rollback at any look. Margins are zero: the true difference sits
 * exactly on the harm boundary, the hardest case for the guarantee. For contrast, "naive" counts
 * rollouts in which any look's fixed-horizon p-value was below 0.05 in the harmful direction.
 */
function simulateNull(rollouts: number, looks: number, batch: number, seed: number) {
  const random = mulberry32(seed);
  const normal = normalSampler(random);
  const gates = { minSamples: 200, guardrails: { maxErrorRateIncrease: 0, maxLatencyIncrease: 0 } };
  let alarms = 0;
  let naive = 0;
  for (let r = 0; r < rollouts; r++) {
    const [b, c] = [new ArmSink(), new ArmSink()];
    let state: GateState = { sequential: {} };
    let peeked = false;
    for (let look = 0; look < looks; look++) {
      for (let i = 0; i < batch; i++) {
        b.add(10 + 2 * normal(), random() < 0.02);
        c.add(10 + 2 * normal(), random() < 0.02);
      }
      const verdict = evaluateGate({ ...input(b, c, {}, gates), state });
      state = verdict.state;
      peeked ||= verdict.evidence.metrics.some((m) => m.kind === 'comparison' && m.pValue !== null && m.pValue < 0.05 && m.difference! > 0);
      if (verdict.decision === 'rollback') {
        alarms++;
        break;
      }
    }
    if (peeked) naive++;
  }
  return { sequential: alarms / rollouts, naive: naive / rollouts };
}

describe('sequential gate under no difference (seeded simulation)', () => {
  it('false-alarms at most about alpha over 20 looks; peeking at fixed-horizon p-values does not', () => {
    const started = performance.now();
    const rollouts = 400;
    const rates = simulateNull(rollouts, 20, 100, 2026);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `sequential gate false-alarm rate under no difference: ${(100 * rates.sequential).toFixed(1)}% of ${rollouts} simulated ` +
        `rollouts (20 looks x 100 requests per arm, 2 metrics, Holm, alpha 5%, zero margins); naive fixed-horizon peeking: ` +
        `${(100 * rates.naive).toFixed(1)}% (${seconds} s)`,
    );
    expect(rates.sequential).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / rollouts));
    expect(rates.naive).toBeGreaterThan(2 * rates.sequential);
  });
});
