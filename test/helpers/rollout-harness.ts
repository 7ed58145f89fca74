/**
 * A control plane over a real SQLite file with a model in two versions, reference profiles, a fleet
 * of devices with fixed ids, and simulated agents that follow their desired state the way the
 * rollout directive says (serve arms by request share, shadow when asked, label summaries with the
 * arm) and send window summaries through the evaluation ingest. Time is a manual clock; the engine
 * is ticked by hand. `reopen()` closes the database and builds new services on the same file, as a
 * restarted control plane would.
 *
 * The end-to-end test with real agents can reuse `setupRolloutModel` and the behaviours; only
 * `simulateMinute` is replaced by agents.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../control-plane/app.ts';
import type { Clock } from '../../control-plane/clock.ts';
import { openDatabase, type Database } from '../../control-plane/db/open.ts';
import { createProfilesStore } from '../../control-plane/features/evaluation/profiles.store.ts';
import { createDevicesStore } from '../../control-plane/features/fleet/devices.store.ts';
import { createControlPlaneMetrics } from '../../control-plane/metrics.ts';
import { createServices, type ControlPlaneServices } from '../../control-plane/services.ts';
import {
  SHADOW_EVENTS,
  addBusinessEvent,
  addFeedback,
  addPrediction,
  canonicalJson,
  closeWindow,
  openWindow,
  type DesiredModel,
  type Profile,
} from '../../protocol/index.ts';
import { mulberry32, normalSampler, type RandomSource } from '../../protocol/stats/index.ts';
import { syntheticProfile, syntheticRow, type SyntheticShape } from '../../protocol/testing/synthetic-traffic.ts';
import { buildMlp } from '../fixtures/models/index.ts';
import { cpuCapabilities } from './fleet.ts';
import { createTempDir } from './temp-dir.ts';

export const MODEL = 'bc';
const SHAPE: SyntheticShape = { numeric: 3, categorical: 1, classes: 2 };
const ADMIN = { kind: 'token', tokenId: 'test-admin', role: 'admin' } as const;

/** How a model version behaves on a device: what the simulated agent counts per prediction. */
export interface Behaviour {
  errorRate: number;
  /** Latency in ms: lognormal with this median and log-sd 0.3. */
  latencyMedianMs: number;
  /** Probability of predicting class 1. */
  class1: number;
  /** Share of predictions that get a label back, and how often the prediction was right. */
  labelShare: number;
  accuracy: number;
  /** Shadowing: how often this version predicts the same class as the served one (default 0.95). */
  agreement?: number;
}

export const GOOD: Behaviour = { errorRate: 0.01, latencyMedianMs: 10, class1: 0.4, labelShare: 0.5, accuracy: 0.9 };

export class ManualClock implements Clock {
  constructor(private at: number) {}
  now = () => new Date(this.at);
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface HarnessOptions {
  devices?: number;
  start?: string;
  /** Rollout ids handed out in order (the cohort hash depends on them). */
  rolloutIds?: string[];
}

/** Open services and app over the data folder (migrating it), wired like main.ts minus servers. */
function open(dataDir: string, clock: Clock, ids: string[]) {
  const db: Database = openDatabase(join(dataDir, 'control-plane.sqlite'));
  let n = 0;
  // Rollout ids are pinned: the cohorts, and so the tests, depend on them.
  const newId = () => ids[n++] ?? `ro_extra${n}`;
  const services: ControlPlaneServices = createServices({
    db, clock, config: { dataDir, mqttPort: 0, presenceTimeoutSeconds: 90 }, rollouts: { newId },
  });
  const app = createApp({ services, logger: pino({ level: 'silent' }), metrics: createControlPlaneMetrics({ collectProcess: false }), limits: { maxJsonBytes: 1 << 20, maxArtifactBytes: 1 << 26 } });
  const token = services.tokens.create({ role: 'admin' }, ADMIN).token;
  const viewerToken = services.tokens.create({ role: 'viewer' }, ADMIN).token;
  return { db, services, app, token, viewerToken };
}

const sha = (body: string) => createHash('sha256').update(body).digest('hex');

function profileFor(version: string): Profile {
  return { ...syntheticProfile(SHAPE, 400, 11), model: MODEL, version };
}

/** Push versions 1 and 2, their profiles, alias `prod` -> 1, fleet `edge`, assignment at `prod`. */
export async function setupRolloutModel(services: ControlPlaneServices, db: Database): Promise<void> {
  for (const version of ['1', '2']) {
    await services.models.pushVersion({ name: MODEL, version, bytes: buildMlp({ inputs: 4, hidden: [4], outputs: 2, seed: Number(version), softmax: true }) }, ADMIN);
    const body = canonicalJson(profileFor(version));
    createProfilesStore(db).insert({ sha256: sha(body), model: MODEL, version, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, body });
  }
  services.models.setAlias(MODEL, 'prod', '1', ADMIN);
  services.fleet.specs.putFleet('edge', { selector: 'site=edge' }, ADMIN);
  services.fleet.specs.putAssignment('bc-edge', { model: MODEL, fleet: 'edge', alias: 'prod' }, ADMIN);
}

export async function createRolloutHarness(options: HarnessOptions = {}) {
  const dir = createTempDir('ef-rollout-');
  const clock = new ManualClock(Date.parse(options.start ?? '2026-03-02T08:00:00.000Z'));
  const ids = options.rolloutIds ?? ['ro_k3j2p9x8q7w6v5u4t3s2'];
  let cp = open(dir.path, clock, ids);
  await setupRolloutModel(cp.services, cp.db);
  const deviceIds = Array.from({ length: options.devices ?? 10 }, (_, i) => `dev_${String(i + 1).padStart(7, '0')}`);
  const devicesStore = createDevicesStore(cp.db);
  for (const id of deviceIds) {
    devicesStore.insert({
      id, name: id, labels: { site: 'edge' }, capabilities: cpuCapabilities, credentialHash: sha(id), enrollTokenId: null,
      enrolledAt: clock.now().toISOString(),
    });
  }
  cp.services.fleet.desired.refreshDesiredStates();
  const profiles = new Map(['1', '2'].map((v) => [v, cp.services.evaluation.profiles.current(MODEL, v)!]));
  const seq = new Map<string, number>();
  const next = (key: string) => {
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    return n;
  };
  const random: RandomSource = mulberry32(2026);
  const normal = normalSampler(random);
  const reportedRevision = new Map<string, number>();

  /** Count `n` predictions of one arm on one device into a one-minute window and ingest it. */
  function sendWindow(deviceId: string, model: { version: string; variant: DesiredModel['variant'] }, arm: string, n: number, behaviour: Behaviour, shadow = false) {
    const stored = profiles.get(model.version)!;
    const start = clock.now().toISOString();
    const window = openWindow({ deviceId, model: MODEL, version: model.version, variant: model.variant, arm, profileSha256: stored.sha256 }, stored.profile, start);
    for (let i = 0; i < n; i++) {
      const error = random() < behaviour.errorRate;
      const predicted = random() < behaviour.class1 ? 1 : 0;
      addPrediction(window, {
        features: syntheticRow(SHAPE, random, normal), outputs: error ? null : predicted === 1 ? [-1, 1] : [1, -1],
        latencyMs: behaviour.latencyMedianMs * Math.exp(0.3 * normal()), error,
      });
      if (!error && random() < behaviour.labelShare) {
        const label = random() < behaviour.accuracy ? predicted : 1 - predicted;
        addFeedback(window, { label: `class${label}`, predicted: `class${predicted}`, confidence: 0.88 });
      }
      if (shadow) {
        const agrees = random() < (behaviour.agreement ?? 0.95);
        addBusinessEvent(window, { name: SHADOW_EVENTS.agreement, value: agrees ? 1 : 0 });
        addBusinessEvent(window, { name: SHADOW_EVENTS.outputDelta, value: agrees ? 0.05 * random() : 0.5 + 0.5 * random() });
      }
    }
    const end = new Date(clock.now().getTime() + 59_000).toISOString();
    const summary = closeWindow(window, { seq: next(`${deviceId}/summaries`), sentAt: end, end });
    const result = cp.services.evaluation.ingest.ingest(summary);
    if (!result.accepted) throw new Error(`summary refused: ${JSON.stringify(result)}`);
  }

  /** Report the desired revision as applied (and the device online), as an agent does after a switch. */
  function reportApplied(deviceId: string, revision: number, version: string) {
    const sentAt = clock.now().toISOString();
    if (!reportedRevision.has(deviceId)) {
      cp.services.fleet.messages.presence({ schemaVersion: 1, deviceId, seq: next(`${deviceId}/presence`), sentAt, status: 'online' });
    } else cp.services.fleet.messages.seen(deviceId);
    if (reportedRevision.get(deviceId) === revision) return;
    cp.services.fleet.messages.reported({
      schemaVersion: 1, deviceId, seq: next(`${deviceId}/reported`), sentAt, desiredRevision: revision,
      models: [{ name: MODEL, version, variant: 'fp32', executionProvider: 'cpu', status: 'ready' }],
    });
    reportedRevision.set(deviceId, revision);
  }

  return {
    clock, deviceIds,
    get services() { return cp.services; },
    get app() { return cp.app; },
    get db() { return cp.db; },
    get token() { return cp.token; },
    get viewerToken() { return cp.viewerToken; },
    sendWindow, reportApplied,

    /**
     * One simulated minute of every device: follow the desired state (arms by request share, shadow
     * when asked), report applied revisions, send one window per arm served.
     * `requestSkew` moves that share of a canary's candidate requests to the baseline (an SRM).
     */
    simulateMinute(behaviours: Record<string, Behaviour>, options: { perDevice?: number; apply?: boolean; offline?: ReadonlySet<string>; requestSkew?: number } = {}) {
      const n = options.perDevice ?? 60;
      for (const id of deviceIds) {
        if (options.offline?.has(id)) continue;
        const state = cp.services.fleet.desired.get(id);
        const model = state.models.find((m) => m.name === MODEL);
        if (!model) continue;
        if (options.apply ?? true) reportApplied(id, state.revision, model.version);
        const directive = model.rollout;
        if (!directive) {
          sendWindow(id, model, 'baseline', n, behaviours[model.version]!);
          continue;
        }
        const [baseline, candidate] = [directive.arms.find((a) => a.name === 'baseline')!, directive.arms.find((a) => a.name === 'candidate')!];
        if (directive.shadow) {
          sendWindow(id, baseline, 'baseline', n, behaviours[baseline.version]!);
          sendWindow(id, candidate, 'candidate', n, behaviours[candidate.version]!, true);
          continue;
        }
        const toCandidate = Math.round((n * candidate.requestShare * (1 - (options.requestSkew ?? 0))) / 100);
        if (n - toCandidate > 0) sendWindow(id, baseline, 'baseline', n - toCandidate, behaviours[baseline.version]!);
        if (toCandidate > 0) sendWindow(id, candidate, 'candidate', toCandidate, behaviours[candidate.version]!);
      }
    },

    /** Advance the clock a minute and tick the engine once. */
    tick(minutes = 1) {
      clock.advance(minutes * 60_000);
      return cp.services.rollouts.ticker.tick((rollout, err) => {
        throw new Error(`tick of ${rollout} failed: ${(err as Error).stack}`);
      });
    },

    /** Close the database and build new services on the same file: a restarted control plane. */
    reopen() {
      cp.db.close();
      cp = open(dir.path, clock, ids.slice(1));
      const reopened = cp.services.evaluation.profiles;
      for (const v of ['1', '2']) profiles.set(v, reopened.current(MODEL, v)!);
    },

    /** `app.request` as the admin (or another token). */
    call(method: string, path: string, init: { json?: unknown; token?: string } = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? cp.token}` };
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      return cp.app.request(path, { method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
    },

    close() {
      cp.db.close();
      dir.remove();
    },
  };
}
export type RolloutHarness = Awaited<ReturnType<typeof createRolloutHarness>>;
