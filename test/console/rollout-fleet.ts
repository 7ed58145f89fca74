import type { Clock } from '../../control-plane/clock.ts';
import {
  addFeedback,
  addPrediction,
  closeWindow,
  desiredStateSchema,
  openWindow,
  type DesiredModel,
  type EnrollResponse,
  type Profile,
  type StoredProfile,
} from '../../protocol/index.ts';
import { mulberry32 } from '../../protocol/stats/index.ts';
import {
  BREAST_CANCER_CLASSES,
  breastCancerDeclarations,
  loadBreastCancer,
  logisticOnnx,
  shiftColumns,
  splitRows,
  toCsv,
  trainLogistic,
  type LabelledRows,
  type LogisticModel,
} from '../fixtures/evaluation/breast-cancer.ts';
import type { ConsoleStack } from './console-stack.ts';

/**
 * A rollout-ready fleet behind a real control plane, set up and driven only through the public
 * API, the way `edgefleet` and agents do it: model `bc` (logistic regression on the breast cancer
 * data) in versions 1 and 2 with reference profiles built by the control plane from held-out rows,
 * alias `prod` -> 1, fleet `edge`, an assignment, enrolled devices, and simulated agents that
 * follow their desired state (serve the rollout's arms, shadow when asked), report it applied and
 * send one window summary per arm per minute over `POST /v1/devices/:id/summaries`.
 *
 * test/helpers/rollout-harness.ts does the same in-process with a manual clock and no HTTP server;
 * the browser needs a served console and live feed, so this one goes through HTTP end to end.
 */
export const MODEL = 'bc';

/** Real time plus an offset the test moves: rollout gates count whole one-minute summary buckets. */
export function createShiftedClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** What the ONNX graph of `logisticOnnx` outputs for a row: [P(malignant), P(benign)]. */
function predict(model: LogisticModel, row: readonly number[]): [number, number] {
  const z = row.reduce((s, v, j) => s + ((v - model.mean[j]!) / model.std[j]!) * model.weights[j]!, model.bias);
  const p = sigmoid(z);
  return [1 - p, p];
}

interface Version {
  model: LogisticModel;
  profile: Profile;
  sha256: string;
}

export async function setupRolloutFleet(stack: ConsoleStack, clock: Clock, options: { devices?: number } = {}) {
  const { train, heldOut } = splitRows(loadBreastCancer(), 0.5);
  const versions = new Map<string, Version>();
  const request = async (method: string, path: string, init: { json?: unknown; bytes?: Uint8Array; token?: string } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? stack.adminToken}` };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.bytes) headers['content-type'] = 'application/octet-stream';
    const body = init.bytes ? Buffer.from(init.bytes) : init.json !== undefined ? JSON.stringify(init.json) : undefined;
    const res = await fetch(`${stack.url}${path}`, { method, headers, ...(body ? { body } : {}) });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };

  // Version 2 is trained longer: a slightly different, equally good model.
  for (const [version, steps] of [['1', 150], ['2', 400]] as const) {
    const model = trainLogistic(train, steps);
    await request('POST', `/v1/models/${MODEL}/versions/${version}?variant=fp32`, { bytes: logisticOnnx(model) });
    const stored = (await request('POST', `/v1/models/${MODEL}/versions/${version}/profile`, {
      json: {
        features: breastCancerDeclarations(), labelColumn: 'target', format: 'csv', dataset: toCsv(heldOut),
        output: { tensor: 'output', task: 'classification', classes: BREAST_CANCER_CLASSES, transform: 'none' },
      },
    })) as StoredProfile;
    const profile = (await request('GET', `/v1/models/${MODEL}/versions/${version}/profile`)) as Profile;
    versions.set(version, { model, profile, sha256: stored.sha256 });
  }
  await request('PUT', `/v1/models/${MODEL}/aliases/prod`, { json: { version: '1' } });
  await request('PUT', '/v1/fleets/edge', { json: { selector: 'site=edge', description: 'edge boxes' } });
  await request('PUT', '/v1/assignments/bc-edge', { json: { model: MODEL, fleet: 'edge', alias: 'prod' } });
  const devices: EnrollResponse[] = [];
  for (let i = 1; i <= (options.devices ?? 6); i++) {
    const device = await stack.enroll(`edge-${i}`, { site: 'edge' });
    devices.push(device);
    // Online over MQTT (birth message, Last Will), as agents are; the rest goes over REST below.
    await (await stack.connect(device)).publish('presence', { status: 'online', agentVersion: '0.1.0' });
  }

  const random = mulberry32(7);
  const seqs = new Map<string, number>();
  const seq = (key: string) => {
    const n = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, n);
    return n;
  };

  /** One arm's window over these rows, as an agent counts it. */
  function summarize(device: EnrollResponse, arm: { name: string; version: string; variant: DesiredModel['variant'] }, rows: LabelledRows, start: Date) {
    const v = versions.get(arm.version)!;
    const window = openWindow({ deviceId: device.deviceId, model: MODEL, version: arm.version, variant: arm.variant, arm: arm.name, profileSha256: v.sha256 }, v.profile, start.toISOString());
    rows.x.forEach((row, i) => {
      // About 1% of requests fail (no output), a little slower on the candidate: numbers to compare.
      const error = random() < 0.01;
      const reading = addPrediction(window, {
        features: row, outputs: error ? null : predict(v.model, row), latencyMs: 4 + 6 * random() + (arm.name === 'candidate' ? 0.2 : 0), error,
      });
      if (!error && random() < 0.5) addFeedback(window, { label: rows.y[i]!, predicted: reading?.predicted ?? null, confidence: reading?.confidence ?? null });
    });
    const end = new Date(start.getTime() + 59_000).toISOString();
    return closeWindow(window, { seq: seq(`${device.deviceId}/summaries`), sentAt: end, end });
  }

  const sample = (n: number, shift: number): LabelledRows => {
    const idx = Array.from({ length: n }, () => Math.floor(random() * heldOut.x.length));
    const rows = { x: idx.map((i) => heldOut.x[i]!), y: idx.map((i) => heldOut.y[i]!) };
    // Mean radius, texture and area move: the kind of input drift a new scanner would cause.
    return shift === 0 ? rows : shiftColumns(rows, [0, 1, 3], shift, heldOut);
  };

  return {
    devices, versions,

    /**
     * One minute of every device: read the desired state, report it applied, serve `perDevice`
     * requests (split between the arms as directed, the candidate shadowing when asked) and send
     * each arm's window summary. `shift` moves three input features by that many standard deviations.
     */
    async minute(options: { perDevice?: number; shift?: number } = {}) {
      const start = clock.now();
      for (const device of devices) {
        const token = device.credential;
        const state = desiredStateSchema.parse(await request('GET', `/v1/devices/${device.deviceId}/desired-state`, { token }));
        const model = state.models.find((m) => m.name === MODEL);
        if (!model) continue;
        await request('PUT', `/v1/devices/${device.deviceId}/reported`, {
          token,
          json: {
            schemaVersion: 1, deviceId: device.deviceId, seq: seq(`${device.deviceId}/reported`), sentAt: start.toISOString(), desiredRevision: state.revision,
            models: [{ name: MODEL, version: model.version, variant: model.variant, executionProvider: 'cpu', status: 'ready' }],
          },
        });
        const rows = sample(options.perDevice ?? 120, options.shift ?? 0);
        const directive = model.rollout;
        const baseline = directive?.arms.find((a) => a.name === 'baseline') ?? { name: 'baseline', version: model.version, variant: model.variant, requestShare: 100 };
        const candidate = directive?.arms.find((a) => a.name === 'candidate');
        const windows = [];
        if (!candidate) windows.push(summarize(device, baseline, rows, start));
        else if (directive?.shadow) windows.push(summarize(device, baseline, rows, start), summarize(device, candidate, rows, start));
        else {
          const cut = Math.round((rows.x.length * candidate.requestShare) / 100);
          const part = (a: number, b: number) => ({ x: rows.x.slice(a, b), y: rows.y.slice(a, b) });
          if (cut < rows.x.length) windows.push(summarize(device, baseline, part(cut, rows.x.length), start));
          if (cut > 0) windows.push(summarize(device, candidate, part(0, cut), start));
        }
        for (const summary of windows) await request('POST', `/v1/devices/${device.deviceId}/summaries`, { token, json: summary });
      }
    },
  };
}
export type RolloutFleet = Awaited<ReturnType<typeof setupRolloutFleet>>;
