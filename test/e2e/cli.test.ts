import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { sileroVadPath } from '../../cli/demo/demo-models.ts';
import { buildMlp } from '../fixtures/models/index.ts';
import { loadControlPlaneConfig } from '../../control-plane/config.ts';
import { startControlPlane, type RunningControlPlane } from '../../control-plane/main.ts';
import { runEdgefleet } from '../helpers/cli-runner.ts';
import { createTempDir } from '../helpers/temp-dir.ts';

describe('edgefleet CLI against a running control plane', () => {
  const dir = createTempDir('ef-cli-');
  let cp: RunningControlPlane;
  let env: Record<string, string>;

  beforeAll(async () => {
    const config = loadControlPlaneConfig({ flags: { dataDir: join(dir.path, 'data'), port: 0, mqttPort: 0, logLevel: 'silent' } });
    cp = await startControlPlane(config, { logger: pino({ level: 'silent' }) });
    env = { EDGEFLEET_URL: cp.url, EDGEFLEET_TOKEN: cp.newAdminToken as string };
  });
  afterAll(async () => {
    await cp.stop();
    dir.remove();
  });

  it('pushes, lists, shows and aliases a real ONNX model', async () => {
    const push = await runEdgefleet(['models', 'push', sileroVadPath(), '--name', 'vad', '--version', '5', '--json'], env);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    expect(push.json<{ name: string; inputs: Array<{ name: string }> }>().inputs.map((i) => i.name)).toEqual(['input', 'state', 'sr']);

    const again = await runEdgefleet(['models', 'push', sileroVadPath(), '--name', 'vad', '--version', '5'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^edgefleet: VERSION_EXISTS: .+\n$/);

    expect((await runEdgefleet(['models', 'alias', 'vad', '5', 'production'], env)).code).toBe(0);
    const list = await runEdgefleet(['models', 'list'], env);
    expect(list.stdout).toMatch(/vad/);
    expect(list.stdout).toMatch(/production->5/);
    const show = await runEdgefleet(['models', 'show', 'vad:5'], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/fp32/);
  });

  it('creates tokens and refuses bad flags with one line and exit 2', async () => {
    const created = await runEdgefleet(['tokens', 'create', '--role', 'enroll', '--labels', 'site=berlin', '--uses', '3', '--ttl', '24h', '--json'], env);
    expect(created.code).toBe(0);
    const token = created.json<{ token: string; usesLeft: number; labels: Record<string, string>; expiresAt: string }>();
    expect(token.token).toMatch(/^efe_/);
    expect(token.usesLeft).toBe(3);
    expect(token.labels).toEqual({ site: 'berlin' });

    const badTtl = await runEdgefleet(['tokens', 'create', '--role', 'enroll', '--ttl', 'soon'], env);
    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toMatch(/not a duration/);
    const badRole = await runEdgefleet(['tokens', 'create', '--role', 'root'], env);
    expect(badRole.code).toBe(2);
  });

  it('applies YAML idempotently and shows a dry-run diff', async () => {
    const file = join(dir.path, 'fleet.yaml');
    writeFileSync(file, [
      'apiVersion: edgefleet.io/v1', 'kind: Fleet', 'metadata: {name: berlin}', 'spec: {selector: "site=berlin"}', '---',
      'apiVersion: edgefleet.io/v1', 'kind: ModelAssignment', 'metadata: {name: vad-berlin}',
      'spec: {fleet: berlin, model: vad, alias: production}', '',
    ].join('\n'));
    const dry = await runEdgefleet(['apply', '-f', file, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/fleet\/berlin created \(dry run\)/);
    expect((await runEdgefleet(['devices', 'list', '--json'], env)).code).toBe(0);
    const first = await runEdgefleet(['apply', '-f', file, '--json'], env);
    expect(first.json<{ results: Array<{ action: string }> }>().results.map((r) => r.action)).toEqual(['created', 'created']);
    const second = await runEdgefleet(['apply', '-f', file, '--json'], env);
    expect(second.json<{ results: Array<{ action: string }> }>().results.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);

    writeFileSync(file, 'apiVersion: edgefleet.io/v1\nkind: Fleet\nmetadata: {name: berlin}\nspec: {selector: "site=paris"}\n');
    const diff = await runEdgefleet(['apply', '-f', file, '--dry-run'], env);
    expect(diff.stdout).toMatch(/spec.selector: "site=berlin" -> "site=paris"/);
  });

  it('names the file, document and field of an invalid document and changes nothing', async () => {
    const file = join(dir.path, 'bad.yaml');
    writeFileSync(file, 'apiVersion: edgefleet.io/v1\nkind: ModelAssignment\nmetadata: {name: x}\nspec: {model: vad}\n');
    const res = await runEdgefleet(['apply', '-f', file], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${file}: document 1 (ModelAssignment): spec.alias: give exactly one of alias and version`);
  });

  it('fails with one line when the control plane cannot be reached or the token is wrong', async () => {
    const down = await runEdgefleet(['models', 'list'], { EDGEFLEET_URL: 'http://127.0.0.1:9', EDGEFLEET_TOKEN: 'x' });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot reach the control plane/);
    const wrong = await runEdgefleet(['devices', 'list'], { EDGEFLEET_URL: cp.url, EDGEFLEET_TOKEN: 'efa_wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/UNAUTHENTICATED/);
  });

  it('serves health, readiness and metrics without a token', async () => {
    expect((await fetch(`${cp.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${cp.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${cp.url}/metrics`)).text();
    expect(metrics).toMatch(/edgefleet_http_request_duration_seconds_bucket/);
  });

  it('scores a JSONL file with a model file and with a registry reference, equal to onnxruntime', async () => {
    const modelFile = join(dir.path, 'mlp.onnx');
    const bytes = buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 7 });
    writeFileSync(modelFile, bytes);
    const rows = Array.from({ length: 20 }, (_, i) => [i / 10, -i / 7, 0.5, i % 3]);
    const input = join(dir.path, 'rows.jsonl');
    writeFileSync(input, `${rows.map((r) => JSON.stringify({ inputs: { input: r } })).join('\n')}\n`);
    const output = join(dir.path, 'out.jsonl');
    const res = await runEdgefleet(['batch', '--model', modelFile, '--input', input, '--output', output], env);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/20 rows \(0 failed\) in [\d.]+ s: \d+ rows\/s/);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outputs: { output: number[] } });
    const session = await ort.InferenceSession.create(bytes);
    const direct = await session.run({ input: new ort.Tensor('float32', Float32Array.from(rows.flat()), [20, 4]) });
    const expected = Array.from(direct.output!.data as Float32Array);
    expect(lines.flatMap((l) => l.outputs.output)).toEqual(expected.map((v) => Math.fround(v)));

    expect((await runEdgefleet(['models', 'push', modelFile, '--name', 'mlp', '--version', '1'], env)).code).toBe(0);
    const viaRegistry = await runEdgefleet(['batch', '--model', 'mlp:1', '--input', input, '--output', join(dir.path, 'out2.jsonl')], env);
    expect(viaRegistry.code).toBe(0);
    expect(readFileSync(join(dir.path, 'out2.jsonl'), 'utf8')).toBe(readFileSync(output, 'utf8'));

    const missing = await runEdgefleet(['batch', '--model', 'nope@production', '--input', input, '--output', output], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });
});
