/**
 * The rollout end-to-end fleet: a real control plane (HTTP, SQLite, embedded broker, rollout engine
 * ticking every second) and N real agents in this process, each with its own data folder, port 0
 * and one onnxruntime thread; model `clf` in versions 1-3 with reference profiles, alias `prod` ->
 * 1, assigned to the fleet by alias. Windows close every half second, so the gates see traffic
 * about a second after it was served.
 *
 * Time: the gates count whole one-minute summary buckets that start at or after a step's start, so
 * a real step would wait up to a minute for its first bucket. Control plane and agents share a
 * clock that the driver moves to just past the next minute boundary once every device has applied
 * a step (a jump, never a slow-down): windows opened before it land in buckets the gate ignores, and
 * everything after it counts. MQTT, HTTP and timers keep real time.
 */
import type { Clock } from '../../control-plane/clock.ts';
import { systemTimers, type Timers } from '../../edge-agent/util/timers.ts';
import { requestBucket, type RolloutDecision, type RolloutSpec, type RolloutView } from '../../protocol/index.ts';
import { startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { MODEL, modelV1, modelV2Good, modelV3Bad, profileRequest } from './rollout-models.ts';
import { createTrafficDriver, type DriverStats, type TrafficDriver } from './traffic-driver.ts';

export interface JumpClock {
  clock: Clock;
  timers: Timers;
  now(): number;
  /** Move to one second past the next minute boundary. */
  jumpToNextBucket(): void;
}

/** Agents' statistics tick (statsCheckpointSeconds): how soon after a jump they close the windows opened before it. */
const STATS_TICK_MS = 200;

export function createJumpClock(): JumpClock {
  let offset = 0;
  const now = () => Date.now() + offset;
  return {
    clock: { now: () => new Date(now()) },
    timers: { ...systemTimers, now },
    now,
    jumpToNextBucket() {
      const t = now();
      offset += Math.ceil((t + 1) / 60_000) * 60_000 + 1000 - t;
    },
  };
}

export interface RolloutFleet {
  stack: TestStack;
  agents: TestAgent[];
  time: JumpClock;
  driver: TrafficDriver;
  /** While on, the agents in `skew.agents` misroute: half of what should reach the candidate stays on the baseline. */
  skew: { on: boolean; agents: ReadonlySet<number> };
  start(name: string, spec: RolloutSpec): Promise<RolloutView>;
  view(name: string): Promise<RolloutView>;
  /** Oldest first. */
  decisions(name: string): Promise<RolloutDecision[]>;
  act(name: string, action: 'abort' | 'pause' | 'resume'): Promise<RolloutView>;
  setAlias(version: string): Promise<void>;
  send(n: number): Promise<DriverStats>;
  /**
   * Traffic in batches until `until` holds: after each step change, wait for every device to have
   * applied it (what the engine reads), then jump to the next summary bucket.
   */
  drive(name: string, until: (view: RolloutView) => boolean, options?: { timeoutMs?: number; batch?: number }): Promise<RolloutView>;
  /** Until every device has applied the rollout's current step; returns the view. */
  applied(name: string): Promise<RolloutView>;
  /**
   * Jump to the next bucket and give the agents two statistics ticks to close the windows they had
   * open: those started before the jump, so whatever they still counted would be lost to the gate
   * — and unevenly between the arms, which is a sample ratio mismatch the test made up.
   */
  nextBucket(): Promise<void>;
  /** Gate verdicts seen while driving, one line per change (for a slow run's post-mortem). */
  gateLog: string[];
  /** Milliseconds until every agent runs `version` with no directive in force. */
  baselineOnly(version: string, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

const misrouted = (id: string, key: string) => {
  // A split that sends half of the candidate's buckets to the baseline: the kind of bug SRM exists for.
  const bucket = requestBucket(id, key);
  return bucket % 2 === 0 ? bucket : 9999;
};

export async function startRolloutFleet(options: { agents: number; agentFlags?: Record<string, unknown> }): Promise<RolloutFleet> {
  const time = createJumpClock();
  const stack = await startTestStack({ clock: time.clock, config: { rolloutIntervalSeconds: 1, presenceTimeoutSeconds: 3600 } });
  const expectOk = async (res: Response, what: string) => {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  for (const [version, bytes] of [['1', modelV1()], ['2', modelV2Good()], ['3', modelV3Bad()]] as const) {
    await stack.pushModel(MODEL, version, bytes);
    await expectOk(await stack.api('POST', `/v1/models/${MODEL}/versions/${version}/profile`, { json: profileRequest() }), `profile ${version}`);
  }
  const setAlias = async (version: string) => void (await expectOk(await stack.api('PUT', `/v1/models/${MODEL}/aliases/prod`, { json: { version } }), 'alias'));
  await setAlias('1');
  await expectOk(await stack.api('PUT', '/v1/assignments/clf-rollouts', { json: { selector: 'suite=rollouts', model: MODEL, alias: 'prod' } }), 'assignment');

  // Three agents in four misroute: a clear mismatch (about 31% on the candidate instead of 50%) at the gate's first look.
  const skew = { on: false, agents: new Set(Array.from({ length: options.agents }, (_, i) => i).filter((i) => i % 4 !== 3)) };
  const token = await stack.enrollToken({ suite: 'rollouts' });
  const agents: TestAgent[] = [];
  // A few at a time: enrollment, MQTT connect and model load of twenty agents at once swamp two cores.
  for (let i = 0; i < options.agents; i += 5) {
    agents.push(...(await Promise.all(Array.from({ length: Math.min(5, options.agents - i) }, (_, k) => {
      const index = i + k;
      return startTestAgent(
        {
          controlPlaneUrl: stack.cp.url, enrollToken: token, name: `edge-${index}`, intraOpThreads: 1,
          statsWindowSeconds: 0.5, statsWindowPredictions: 500, statsCheckpointSeconds: STATS_TICK_MS / 1000, ...options.agentFlags,
        },
        {
          deps: {
            timers: time.timers,
            rolloutBucket: (id, key) => (skew.on && skew.agents.has(index) ? misrouted(id, key) : requestBucket(id, key)),
            // Twenty agents share this process's one thread, so one agent's share of wall-clock time
            // says nothing about its own load: the shadow time budget is lifted (quiet time stays).
            shadow: { maxShare: 1 },
          },
        },
      );
    }))));
  }
  const driver = createTrafficDriver({ seed: 5, labelShare: 0.5, labelNoise: 0.05, concurrency: 8 });

  const view = async (name: string) => (await (await expectOk(await stack.api('GET', `/v1/rollouts/${name}`), 'rollout')).json()) as RolloutView;
  const applied = (name: string) =>
    waitFor(async () => {
      const v = await view(name);
      return v.state !== 'running' || v.cohort.applied === v.cohort.target ? v : null;
    }, { what: `devices applying ${name}`, timeoutMs: 15_000 });
  const send = (n: number) => driver.send(agents, n);
  const nextBucket = async () => {
    time.jumpToNextBucket();
    await new Promise((r) => setTimeout(r, 2 * STATS_TICK_MS + 50));
  };
  const gateLog: string[] = [];

  return {
    stack, agents, time, driver, skew, view, applied, send, setAlias, gateLog, nextBucket,
    async start(name, spec) {
      return (await (await expectOk(await stack.api('POST', '/v1/rollouts', { json: { name, spec } }), 'start')).json()) as RolloutView;
    },
    async decisions(name) {
      const body = (await (await expectOk(await stack.api('GET', `/v1/rollouts/${name}/decisions`), 'decisions')).json()) as { decisions: RolloutDecision[] };
      return body.decisions.reverse();
    },
    async act(name, action) {
      return (await (await expectOk(await stack.api('POST', `/v1/rollouts/${name}/${action}`), action)).json()) as RolloutView;
    },
    async drive(name, until, { timeoutMs = 30_000, batch = 200 } = {}) {
      const deadline = Date.now() + timeoutMs;
      const began = Date.now();
      let jumpedAt = -1;
      let last = '';
      for (;;) {
        const current = await view(name);
        const line = `${name}@${current.step} ${current.state} ${current.gate?.code ?? '-'}`;
        if (line !== last) gateLog.push(`+${Date.now() - began}ms ${line}: ${current.gate?.reason ?? ''}`.slice(0, 300));
        last = line;
        if (until(current)) return current;
        if (Date.now() > deadline) throw new Error(`rollout ${name} stuck: ${current.state} at step ${current.step}, gate ${JSON.stringify(current.gate)}`);
        if (current.state === 'running' && current.step !== jumpedAt) {
          await applied(name);
          await nextBucket();
          jumpedAt = current.step;
          continue;
        }
        await send(batch);
      }
    },
    async baselineOnly(version, timeoutMs = 10_000) {
      const started = Date.now();
      await waitFor(() => agents.every((a) => {
        const s = a.status();
        return s.rollouts.directives.length === 0 && s.models.some((m) => m.name === MODEL && m.version === version && m.status === 'ready');
      }), { what: `every agent on ${MODEL}:${version} only`, timeoutMs });
      return Date.now() - started;
    },
    async close() {
      driver.close();
      await Promise.all(agents.map((a) => a.stop()));
      await stack.close();
    },
  };
}
