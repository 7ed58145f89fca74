/**
 * Helpers of the telemetry integration test: a reference profile request for the agent tests' MLP
 * (8 columns, 3 classes), a traffic row generator, the control plane's quality totals, and an MQTT
 * connect that loses the PUBACK of the first summary (the broker committed it; the agent never
 * hears so and must send it again), which is how a duplicate happens in the field.
 */
import { connect, type MqttClient, type PacketCallback } from 'mqtt';
import type { ProfileRequest, QualityReport } from '../../protocol/index.ts';
import type { MqttConnect } from '../../edge-agent/mqtt/mqtt-link.ts';
import { createPrng } from '../fixtures/models/index.ts';
import type { TestStack } from '../helpers/agent.ts';

export const MLP_CLASSES = ['a', 'b', 'c'];

/** Rows of 8 features: column k roughly uniform on [k - 1, k + 1). */
export function mlpRows(n: number, seed: number): number[][] {
  const next = createPrng(seed);
  return Array.from({ length: n }, () => Array.from({ length: 8 }, (_, k) => Math.fround(k - 1 + 2 * next())));
}

/** `POST /v1/models/mlp/versions/1/profile`: every column a feature, the logits read through softmax. */
export function mlpProfileRequest(): ProfileRequest {
  const rows = mlpRows(200, 7);
  const header = [...Array.from({ length: 8 }, (_, k) => `f${k}`), 'label'].join(',');
  const lines = rows.map((r, i) => [...r, MLP_CLASSES[i % 3]].join(','));
  return {
    features: Array.from({ length: 8 }, (_, k) => ({
      name: `f${k}`, type: 'numeric' as const, source: { kind: 'element' as const, input: 'input', index: k },
      expectations: { min: k - 1, max: k + 1 },
    })),
    output: { tensor: 'output', task: 'classification', classes: MLP_CLASSES, transform: 'softmax' },
    labelColumn: 'label',
    format: 'csv',
    dataset: `${header}\n${lines.join('\n')}\n`,
    bins: 10,
  };
}

/** Predictions, feedback and summaries the control plane has merged for a model (all groups). */
export async function qualityTotals(stack: TestStack, model: string): Promise<{ predictions: number; feedback: number; summaries: number; groups: QualityReport[] }> {
  const res = await stack.api('GET', `/v1/evaluation/quality?model=${model}&since=1h`);
  if (!res.ok) throw new Error(`quality: HTTP ${res.status} ${await res.text()}`);
  const { groups } = (await res.json()) as { groups: QualityReport[] };
  return {
    predictions: groups.reduce((sum, g) => sum + g.tiers.infrastructure.predictions, 0),
    feedback: groups.reduce((sum, g) => sum + g.tiers.model.feedback, 0),
    summaries: groups.reduce((sum, g) => sum + g.summaries, 0),
    groups,
  };
}

/** The control plane's count of summaries it received again and dropped as duplicates. */
export async function duplicateSummaries(stack: TestStack): Promise<number> {
  const text = await (await fetch(`${stack.cp.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('edgefleet_mqtt_messages_dropped_total{') && l.includes('channel="summaries"') && l.includes('reason="duplicate"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * mqtt.connect, except that the PUBACK of the first summary is "lost": the broker has it (and the
 * control plane committed it), but the connection drops before the agent hears, so the agent keeps
 * the summary and sends it again after reconnecting.
 */
export function losingFirstSummaryPuback(): { connect: MqttConnect; lost: () => boolean } {
  let lost = false;
  const wrapped: MqttConnect = (url, options) => {
    const client: MqttClient = connect(url, options);
    const publish = client.publish.bind(client) as (topic: string, message: string, opts: object, cb?: PacketCallback) => MqttClient;
    (client as unknown as { publish: typeof publish }).publish = (topic, message, opts, cb) => {
      if (lost || !topic.endsWith('/summaries')) return publish(topic, message, opts, cb);
      lost = true;
      return publish(topic, message, opts, (error) => {
        client.stream.destroy();
        cb?.(error ?? new Error('connection lost before the PUBACK arrived'));
      });
    };
    return client;
  };
  return { connect: wrapped, lost: () => lost };
}
