import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../protocol/index.ts';
import { desiredStateFor } from '../../test/agent/signed-fixtures.ts';
import { createAgentMetrics } from '../metrics.ts';
import { systemTimers } from '../util/timers.ts';
import { createDesiredStateSource } from './desired-state-source.ts';

const deviceId = 'dev_source12345';

describe('desired-state source', () => {
  const make = (rest: unknown[] = []) => {
    const metrics = createAgentMetrics({ collectProcess: false });
    const accepted: DesiredState[] = [];
    const source = createDesiredStateSource({
      deviceId,
      client: { getDesiredState: async () => rest.shift() ?? null, putReported: async () => {} },
      timers: systemTimers,
      logger: pino({ level: 'silent' }),
      metrics: metrics.sync,
      pollIntervalMs: 60_000,
      isMqttConnected: () => false,
      onDesired: (s) => accepted.push(s),
    });
    return { source, accepted, metrics };
  };

  it('drops and counts malformed, invalid and foreign messages without throwing', async () => {
    const { source, accepted, metrics } = make();
    expect(() => source.acceptMqtt(Buffer.from('{not json'))).not.toThrow();
    source.acceptMqtt(Buffer.from(JSON.stringify({ schemaVersion: 1, deviceId, revision: -1 })));
    source.acceptMqtt(Buffer.from(JSON.stringify(desiredStateFor('dev_someoneelse1', 1, []))));
    source.acceptMqtt(Buffer.alloc(0)); // a cleared retained message: not a desired state, not an error
    expect(accepted).toEqual([]);
    const text = await metrics.registry.getSingleMetricAsString('edgefleet_agent_messages_dropped_total');
    expect(text).toContain('source="mqtt",reason="json"} 1');
    expect(text).toContain('source="mqtt",reason="schema"} 1');
    expect(text).toContain('source="mqtt",reason="device"} 1');
  });

  it('passes on only newer revisions, from either path', async () => {
    const { source, accepted } = make([desiredStateFor(deviceId, 2, []), desiredStateFor(deviceId, 3, [])]);
    source.acceptMqtt(Buffer.from(JSON.stringify(desiredStateFor(deviceId, 2, []))));
    await source.pollNow(); // revision 2 again over REST: nothing new
    source.acceptMqtt(Buffer.from(JSON.stringify(desiredStateFor(deviceId, 1, [])))); // stale
    await source.pollNow();
    expect(accepted.map((s) => s.revision)).toEqual([2, 3]);
  });
});
