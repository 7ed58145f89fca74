/**
 * Traffic for the rollout end-to-end test: OIP v2 JSON requests spread round-robin over the agents,
 * a few in flight at once, and for a share of them a label through the agent's `POST /v1/feedback`
 * (the teacher's class, flipped with a small probability). Plain node:http with keep-alive: the
 * driver shares one event loop with the control plane and twenty agents, so it must be cheap.
 */
import { Agent, request } from 'node:http';
import { createPrng } from '../fixtures/models/index.ts';
import { CLASSES, MODEL, rows, teacher, WIDTH } from './rollout-models.ts';

export interface DriverTarget {
  inferenceUrl: string;
}

export interface DriverStats {
  requests: number;
  failed: number;
  labels: number;
  /** Answers per model version. */
  byVersion: Record<string, number>;
}

export interface TrafficDriver {
  /** Send `n` requests over the targets; resolves when every answer (and label) is in. */
  send(targets: readonly DriverTarget[], n: number): Promise<DriverStats>;
  close(): void;
}

interface Reply {
  status: number;
  body: string;
  requestId: string | undefined;
}

export function createTrafficDriver(options: { seed: number; labelShare: number; labelNoise: number; concurrency: number }): TrafficDriver {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const data = rows(2000, options.seed);
  const random = createPrng(options.seed + 1);
  let next = 0;

  const post = (base: string, path: string, body: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), requestId: res.headers['x-request-id'] as string | undefined }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  async function one(target: DriverTarget, stats: DriverStats): Promise<void> {
    const row = data[next++ % data.length]!;
    const body = JSON.stringify({ inputs: [{ name: 'input', shape: [1, WIDTH], datatype: 'FP32', data: row }] });
    const reply = await post(target.inferenceUrl, `/v2/models/${MODEL}/infer`, body).catch(() => null);
    stats.requests++;
    if (!reply || reply.status !== 200 || !reply.requestId) {
      stats.failed++;
      return;
    }
    const version = (JSON.parse(reply.body) as { model_version: string }).model_version;
    stats.byVersion[version] = (stats.byVersion[version] ?? 0) + 1;
    if (random() >= options.labelShare) return;
    const truth = teacher(row);
    const label = random() < options.labelNoise ? CLASSES.find((c) => c !== truth)! : truth;
    const fb = await post(target.inferenceUrl, '/v1/feedback', JSON.stringify({ requestId: reply.requestId, label })).catch(() => null);
    if (fb?.status === 202) stats.labels++;
  }

  return {
    async send(targets, n) {
      const stats: DriverStats = { requests: 0, failed: 0, labels: 0, byVersion: {} };
      let issued = 0;
      const worker = async () => {
        while (issued < n) {
          const target = targets[issued % targets.length]!;
          issued++;
          await one(target, stats);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      return stats;
    },
    close: () => agent.destroy(),
  };
}
