import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { mountFeedbackRoutes } from './feedback/feedback.routes.ts';
import type { FeedbackService } from './feedback/feedback.service.ts';
import type { InferenceHook, InferenceRouter } from './inference/inference.service.ts';
import type { InferenceMetrics } from './inference/inference-metrics.ts';
import type { ModelRegistry } from './inference/model-registry.ts';
import { createOipApp } from './inference/oip-server.ts';
import { AGENT_VERSION } from './version.ts';

export interface AgentHttpOptions {
  registry: ModelRegistry;
  inferenceMetrics: InferenceMetrics;
  metricsRegistry: Registry;
  onInference: InferenceHook;
  /** Rollout arms for unpinned requests (edge-agent/rollout). */
  router?: InferenceRouter;
  ready: () => boolean;
  /** Agent status for people and tests (identity, models, probations); no secrets. */
  status: () => unknown;
  /** Labels and business events (`POST /v1/feedback`, `POST /v1/events`). */
  feedback?: FeedbackService;
}

/** The OIP v2 API, feedback and events, `/metrics` and `/status` on one Hono app. */
export function createAgentHttpApp(options: AgentHttpOptions): Hono {
  const app = createOipApp({
    registry: options.registry,
    metrics: options.inferenceMetrics,
    onInference: options.onInference,
    ...(options.router ? { router: options.router } : {}),
    health: { ready: options.ready },
    server: { name: 'edgefleet-edge-agent', version: AGENT_VERSION },
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', options.metricsRegistry.contentType);
    return c.body(await options.metricsRegistry.metrics());
  });
  app.get('/status', (c) => c.json(options.status() as object));
  if (options.feedback) mountFeedbackRoutes(app, options.feedback);
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Hono, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({ fetch: app.fetch, port, hostname }, () => {
      const actual = (server.address() as AddressInfo).port;
      const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections from clients would hold close() open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
