import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sileroVadPath } from '../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../test/helpers/control-plane.ts';
import { promtoolCheckMetrics } from '../test/helpers/promtool.ts';

describe('control plane /metrics', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(() => cp.close());

  it('passes promtool check metrics and counts models, versions and requests', async () => {
    const push = await cp.call('POST', '/v1/models/vad/versions/5', {
      body: new Uint8Array(readFileSync(sileroVadPath())), headers: { 'content-type': 'application/octet-stream' },
    });
    expect(push.status).toBe(201);
    const text = await (await cp.call('GET', '/metrics', { token: null })).text();
    const check = promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    expect(text).toMatch(/^edgefleet_models 1$/m);
    expect(text).toMatch(/^edgefleet_model_versions 1$/m);
    expect(text).toMatch(/edgefleet_http_request_duration_seconds_count\{method="POST",route="\/v1\/models\/:name\/versions\/:version",status="201"\} 1/);
  });

  it('promtool really rejects a malformed exposition (the check can fail)', () => {
    expect(promtoolCheckMetrics('# TYPE x counter\nx{a="1" 3\n').code).not.toBe(0);
  });
});
