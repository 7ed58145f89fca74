import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { GOOD, createRolloutHarness } from '../helpers/rollout-harness.ts';
it('probe', async () => {
  const h = await createRolloutHarness();
  const spec = { model: 'bc', fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' },
    steps: [{ shadow: {} }, { canary: { deviceShare: 50 } }, { canary: { deviceShare: 100 } }, { promote: {} }], gates: { minSamples: 200, minLabels: 50 } };
  await h.call('POST', '/v1/rollouts', { json: { name: 'bc-v2', spec } });
  for (let m = 0; m < 3; m++) { h.simulateMinute({ '1': GOOD, '2': GOOD }); h.tick(); }
  const out: Record<string, unknown> = {};
  for (const p of ['/v1/rollouts', '/v1/rollouts/bc-v2', '/v1/rollouts/bc-v2/decisions', '/v1/rollouts/bc-v2/experiment', '/v1/evaluation/drift?model=bc&since=2026-03-02T07:00:00.000Z', '/v1/evaluation/quality?model=bc&since=2026-03-02T07:00:00.000Z', '/v1/evaluation/timeseries?model=bc&metric=latency_p95&bucket=1m&since=2026-03-02T07:00:00.000Z', '/v1/alerts'])
    out[p] = await (await h.call('GET', p)).json();
  writeFileSync('/tmp/scratch/probe.json', JSON.stringify(out, null, 1));
  h.close();
});
