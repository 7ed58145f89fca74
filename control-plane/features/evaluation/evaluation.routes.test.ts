import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  closeWindow,
  desiredStateSchema,
  extractFeatureRows,
  openWindow,
  outputRows,
  type DriftReport,
  type EnrollResponse,
  type Profile,
  type QualityReport,
  type StoredProfile,
  type WindowSummary,
} from '../../../protocol/index.ts';
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
} from '../../../test/fixtures/evaluation/breast-cancer.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice, expectError, pushModelVersion } from '../../../test/helpers/fleet.ts';
import { promtoolCheckMetrics } from '../../../test/helpers/promtool.ts';
import { openOnnxModel } from './onnx-model-runner.ts';

// A logistic model trained on half of the breast cancer data (UCI), run by real onnxruntime; its
// reference profile is built from the held-out half through the API, then summaries of
// same-distribution and shifted rows go in over REST and MQTT.

const T0 = Date.parse('2026-03-01T10:00:00Z');
const minutes = (m: number) => T0 + m * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('evaluation: profiles, summaries, drift and quality over the API', () => {
  let now = T0;
  const clock = { now: () => new Date(now) };
  let cp: TestControlPlane;
  let devices: EnrollResponse[];
  let onnx: Uint8Array;
  let stored: StoredProfile;
  let profile: Profile;
  let train: LabelledRows;
  let heldOut: LabelledRows;
  const seqs = new Map<string, number>();

  /** What an agent would send for these rows: run the model, count features, outputs, labels. */
  async function summarize(device: EnrollResponse, rows: LabelledRows, start: number, end: number): Promise<WindowSummary> {
    const session = await openOnnxModel(onnx);
    const input = { datatype: 'FP32' as const, shape: [rows.x.length, 30], data: Float32Array.from(rows.x.flat()) };
    const output = (await session.run({ input }))['output']!;
    await session.close();
    const window = openWindow({ deviceId: device.deviceId, model: 'bc', version: '1', variant: 'fp32', profileSha256: stored.sha256 }, profile, iso(start));
    const features = extractFeatureRows(profile.features, { input });
    outputRows(output).forEach((row, i) => {
      const reading = addPrediction(window, { features: features[i], outputs: row, latencyMs: 2 + (i % 10) });
      addFeedback(window, { label: rows.y[i]!, predicted: reading?.predicted ?? null, confidence: reading?.confidence ?? null, features: features[i] });
      if (i % 4 === 0) addBusinessEvent(window, { name: 'referral', value: i % 3 });
    });
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    return closeWindow(window, { seq, sentAt: iso(end), end: iso(end) });
  }
  const post = (device: EnrollResponse, summary: unknown) =>
    cp.call('POST', `/v1/devices/${device.deviceId}/summaries`, { token: device.credential, json: summary });
  const drift = async (query: string) => ((await (await cp.call('GET', `/v1/evaluation/drift?${query}`)).json()) as { reports: DriftReport[] }).reports;

  beforeAll(async () => {
    cp = createTestControlPlane({ clock });
    ({ train, heldOut } = splitRows(loadBreastCancer(), 0.5));
    onnx = logisticOnnx(trainLogistic(train));
    await pushModelVersion(cp, 'bc', '1', onnx);
    devices = [await enrollDevice(cp, { name: 'a' }), await enrollDevice(cp, { name: 'b' })];
    const res = await cp.call('POST', '/v1/models/bc/versions/1/profile', {
      json: {
        features: breastCancerDeclarations(), labelColumn: 'target', format: 'csv', dataset: toCsv(heldOut),
        output: { tensor: 'output', task: 'classification', classes: BREAST_CANCER_CLASSES, transform: 'none' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    stored = (await res.json()) as StoredProfile;
    profile = (await (await cp.call('GET', '/v1/models/bc/versions/1/profile')).json()) as Profile;
  });
  afterAll(() => cp.close());

  it('builds the reference profile by running the model on the held-out rows, and ships it with the desired state', async () => {
    expect(stored).toMatchObject({ model: 'bc', version: '1', rows: heldOut.x.length, features: 30, path: `/v1/profiles/${stored.sha256}` });
    expect(stored.quality?.accuracy).toBeGreaterThan(0.93); // the held-out accuracy of a decent logistic model
    expect(profile.output?.classes.reduce((a, b) => a + b, 0)).toBe(heldOut.x.length);
    expect(profile.labels?.classes?.slice(0, 2)).toEqual([heldOut.y.filter((y) => y === 0).length, heldOut.y.filter((y) => y === 1).length]);

    const download = await cp.call('GET', stored.path, { token: devices[0]!.credential });
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(stored.sha256);
    expect((await cp.call('GET', stored.path, { token: devices[0]!.credential, headers: { 'if-none-match': `"${stored.sha256}"` } })).status).toBe(304);

    expect((await cp.call('PUT', '/v1/assignments/bc-all', { json: { model: 'bc', version: '1', selector: '' } })).status).toBe(201);
    const state = desiredStateSchema.parse(await (await cp.call('GET', `/v1/devices/${devices[0]!.deviceId}/desired-state`, { token: devices[0]!.credential })).json());
    expect(state.models[0]?.profile).toEqual({ path: stored.path, sha256: stored.sha256 });
  });

  it('answers 400 naming the row and column of bad data, and refuses unknown inputs and label columns', async () => {
    const csv = toCsv({ x: heldOut.x.slice(0, 5), y: heldOut.y.slice(0, 5) }).split('\n');
    csv[3] = csv[3]!.replace(/^[^,]+/, 'abc');
    const request = (over: Record<string, unknown>) => cp.call('POST', '/v1/models/bc/versions/1/profile', {
      json: { features: breastCancerDeclarations(), format: 'csv', dataset: csv.join('\n'), ...over },
    });
    const bad = await expectError(await request({}), 400, 'VALIDATION_FAILED');
    expect(bad.error.message).toMatch(/row 3 \(line 4\), column "radius_mean": "abc" is not a number/);
    expect((await expectError(await request({ dataset: 'a,b\n1,2\n' }), 400, 'VALIDATION_FAILED')).error.message).toMatch(/column "radius_mean" is not in the data set/);
    const partial = breastCancerDeclarations().slice(1);
    expect((await expectError(await request({ features: partial }), 400, 'VALIDATION_FAILED')).error.message).toMatch(/element 0 of input "input" has no feature column/);
    expect((await expectError(await request({ labelColumn: 'nope', dataset: toCsv({ x: heldOut.x.slice(0, 3), y: [0, 1, 0] }) }), 400, 'VALIDATION_FAILED')).error.message).toMatch(/label column "nope"/);
    const wrongInput = breastCancerDeclarations().map((f, i) => (i === 0 ? { ...f, source: { kind: 'element', input: 'pixels', index: 0 } } : f));
    expect((await expectError(await request({ features: wrongInput }), 400, 'VALIDATION_FAILED')).error.message).toMatch(/reads input "pixels"/);
    await expectError(await cp.call('POST', '/v1/models/bc/versions/9/profile', { json: { features: breastCancerDeclarations(), dataset: 'x' } }), 404, 'NOT_FOUND');
  });

  it('finds no drift on same-distribution rows, then flags exactly the features shifted by one standard deviation', async () => {
    const half = Math.floor(train.x.length / 2);
    const part = (r: LabelledRows, a: number, b: number) => ({ x: r.x.slice(a, b), y: r.y.slice(a, b) });
    expect((await post(devices[0]!, await summarize(devices[0]!, part(train, 0, half), minutes(1), minutes(2)))).status).toBe(200);
    expect((await post(devices[1]!, await summarize(devices[1]!, part(train, half, train.x.length), minutes(1), minutes(2)))).status).toBe(200);
    now = minutes(5);
    const [calm] = await drift('model=bc&since=5m');
    expect(calm).toMatchObject({ model: 'bc', version: '1', predictions: train.x.length, devices: 2, drifted: false });
    expect(calm!.features.filter((f) => f.drifted)).toEqual([]);
    expect(calm!.features.every((f) => f.test === 'ks-binned' && f.thresholdSource === 'alpha')).toBe(true);

    const shifted = shiftColumns(train, [0, 1, 2, 3], 1, heldOut); // radius, texture, perimeter, area (means)
    await post(devices[0]!, await summarize(devices[0]!, part(shifted, 0, half), minutes(6), minutes(7)));
    await post(devices[1]!, await summarize(devices[1]!, part(shifted, half, train.x.length), minutes(6), minutes(7)));
    now = minutes(10);
    const [report] = await drift('model=bc&since=5m');
    expect(report!.drifted).toBe(true);
    expect(report!.reason).toMatch(/BH-adjusted p < 0.01 for radius_mean, texture_mean, perimeter_mean, area_mean/);
    expect(report!.driftedFeatures.slice(0, 4)).toEqual(['radius_mean', 'texture_mean', 'perimeter_mean', 'area_mean']);
    const radius = report!.features[0]!;
    expect(radius.adjustedP).toBeLessThan(1e-6);
    expect(radius.reference.edges).toHaveLength(51);
    expect(radius.current.counts).toHaveLength(52); // underflow, 50 bins, overflow: the overlay
    expect(radius.current.mean! - radius.reference.mean!).toBeCloseTo(radius.reference.std!, 0);
    // Untouched features stay quiet (their correlated "worst" cousins may follow radius: that is real drift).
    expect(report!.features.find((f) => f.feature === 'symmetry_se')?.drifted).toBe(false);
    expect(report!.output.map((o) => o.feature)).toEqual(['output.score', 'output.class']);
  });

  it('reports quality in three tiers from merged confusion matrices, latency histograms and business events', async () => {
    const res = await cp.call('GET', `/v1/evaluation/quality?model=bc&since=1h`);
    const { groups } = (await res.json()) as { groups: QualityReport[] };
    expect(groups).toHaveLength(1);
    const g = groups[0]!;
    expect(g).toMatchObject({ model: 'bc', version: '1', variant: 'fp32', arm: 'baseline', devices: 2, summaries: 4, gaps: 0, profile: stored.sha256 });
    expect(g.tiers.infrastructure).toMatchObject({ predictions: 2 * train.x.length, errors: 0, errorRate: 0 });
    expect(g.tiers.infrastructure.latencyMs.p50).toBeGreaterThanOrEqual(5);
    expect(g.tiers.infrastructure.latencyMs.p99).toBeLessThanOrEqual(11);
    expect(g.tiers.model.feedback).toBe(2 * train.x.length);
    expect(g.tiers.model.accuracy).toBeGreaterThan(0.8);
    expect(g.tiers.model.classes.map((c) => c.label)).toEqual(BREAST_CANCER_CLASSES);
    expect(g.tiers.model.referenceAccuracy).toBe(stored.quality?.accuracy);
    const half = Math.floor(train.x.length / 2);
    expect(g.tiers.business.events).toEqual([expect.objectContaining({ name: 'referral', count: 2 * (Math.ceil(half / 4) + Math.ceil((train.x.length - half) / 4)) })]);
  });

  it('counts a duplicate summary once and shows sequence gaps', async () => {
    const device = devices[0]!;
    const summary = await summarize(device, { x: heldOut.x.slice(0, 20), y: heldOut.y.slice(0, 20) }, minutes(11), minutes(12));
    seqs.set(device.deviceId, summary.seq + 3); // the next summary skips three sequence numbers
    expect(await (await post(device, summary)).json()).toEqual({ accepted: true });
    expect(await (await post(device, summary)).json()).toEqual({ accepted: false, reason: 'duplicate' });
    await post(device, await summarize(device, { x: heldOut.x.slice(20, 30), y: heldOut.y.slice(20, 30) }, minutes(11), minutes(12)));
    now = minutes(13);
    const status = (await (await cp.call('GET', '/v1/evaluation/ingest?model=bc&since=3m')).json()) as { devices: Array<{ deviceId: string; summaries: number; predictions: number; gaps: number }> };
    expect(status.devices).toEqual([expect.objectContaining({ deviceId: device.deviceId, summaries: 2, predictions: 30, gaps: 3 })]);
    const series = (await (await cp.call('GET', '/v1/evaluation/timeseries?model=bc&metric=predictions&since=15m&bucket=5m')).json()) as { series: Array<{ points: Array<{ value: number }> }> };
    expect(series.series[0]!.points.map((p) => p.value)).toEqual([train.x.length, train.x.length, 30]); // minutes 1, 6, 11 in 5-minute buckets
    // Another device's credential cannot post for it; a summary for another model version is refused at the boundary.
    await expectError(await cp.call('POST', `/v1/devices/${device.deviceId}/summaries`, { token: devices[1]!.credential, json: summary }), 403, 'FORBIDDEN');
    await expectError(await post(device, { ...summary, seq: 99, version: '2' }), 400, 'VALIDATION_FAILED');
    await expectError(await post(device, { ...summary, seq: 99, features: summary.features.slice(1) }), 400, 'VALIDATION_FAILED');
  });

  it('exposes fleet drift and quality to Prometheus (promtool-valid)', async () => {
    now = minutes(14);
    const text = await (await cp.call('GET', '/metrics', { token: null })).text();
    const check = promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(text).toContain(`edgefleet_predictions_total{model="bc",version="1",variant="fp32",arm="baseline"} ${2 * train.x.length + 30}\n`);
    expect(text).toMatch(/^edgefleet_feature_drift_score\{model="bc",version="1",feature="radius_mean"\} 0\.\d+$/m);
    expect(text).toMatch(/^edgefleet_feature_drifted\{model="bc",version="1",feature="radius_mean"\} 1$/m);
    expect(text).toMatch(/^edgefleet_model_drifted\{model="bc",version="1"\} 1$/m);
    expect(text).toMatch(/^edgefleet_model_accuracy_ratio\{model="bc",version="1",variant="fp32",arm="baseline"\} 0\.\d+$/m);
  });

  it('ships a rebuilt profile to the devices through a new desired-state revision', async () => {
    const state = async () => desiredStateSchema.parse(await (await cp.call('GET', `/v1/devices/${devices[1]!.deviceId}/desired-state`, { token: devices[1]!.credential })).json());
    const before = await state();
    now = minutes(20);
    const res = await cp.call('POST', '/v1/models/bc/versions/1/profile', {
      json: { features: breastCancerDeclarations().slice(0, 30), format: 'csv', dataset: toCsv(heldOut), bins: 20 },
    });
    expect(res.status).toBe(201);
    const rebuilt = (await res.json()) as StoredProfile;
    const after = await state();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.models[0]?.profile?.sha256).toBe(rebuilt.sha256);
    // Summaries counted on the old profile stay readable by hash.
    expect((await cp.call('GET', stored.path, { token: devices[1]!.credential })).status).toBe(200);
  });
});
