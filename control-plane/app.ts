import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { AppEnv } from './http/app-env.ts';
import { apiOperations } from './http/api-operations.ts';
import { authorize, requireAuth } from './http/auth.ts';
import { handleError, handleNotFound } from './http/errors.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { requestContext } from './http/request-context.ts';
import { createConsoleRoutes, type ConsoleSource } from './console/console.routes.ts';
import { createRuntimeRoutes, type RuntimeRoutesDeps } from './features/browser-devices/runtime.routes.ts';
import { createAuditRoutes } from './features/audit/audit.routes.ts';
import { createAlertRoutes } from './features/evaluation/alerts.routes.ts';
import { createEvaluationMetricsSync } from './features/evaluation/evaluation-metrics.ts';
import {
  createDeviceSummaryRoutes, createEvaluationRoutes, createProfileDownloadRoutes, createProfileRoutes,
} from './features/evaluation/evaluation.routes.ts';
import { createTokenRoutes } from './features/tokens/tokens.routes.ts';
import { createDeviceRoutes } from './features/fleet/devices.routes.ts';
import { createEnrollRoutes } from './features/fleet/enroll.routes.ts';
import { createAssignmentRoutes, createFleetRoutes } from './features/fleet/fleet-specs.routes.ts';
import { createArtifactRoutes } from './features/models/artifacts.routes.ts';
import { createKeyRoutes } from './features/models/keys.routes.ts';
import { createModelRoutes } from './features/models/models.routes.ts';
import { createRolloutRoutes } from './features/rollouts/rollouts.routes.ts';
import { createVariantRoutes } from './features/variants/variants.routes.ts';
import type { ControlPlaneMetrics } from './metrics.ts';
import type { ControlPlaneServices } from './services.ts';

export interface AppDeps {
  services: ControlPlaneServices;
  logger: Logger;
  metrics: ControlPlaneMetrics;
  /** `maxDatasetBytes`: profile requests (declarations + data set), default 32 MiB. */
  limits: { maxJsonBytes: number; maxArtifactBytes: number; maxDatasetBytes?: number };
  /** False while the control plane is starting or shutting down; `/readyz` reports it. */
  isReady?: () => boolean;
  /** The admin web console at `/`; left out, only the API is served (route tests). */
  console?: ConsoleSource;
  /** The browser runtime at `/runtime/*` and its demo at `/demo/vad`; left out, not served. */
  runtime?: RuntimeRoutesDeps;
}

/** The control plane's HTTP API as a Hono app; `main.ts` serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const { services, metrics, limits } = deps;
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use(
    requestContext(deps.logger, ({ method, route, status, seconds }) =>
      metrics.httpDuration.observe({ method, route, status: String(status) }, seconds),
    ),
  );
  // Uploads (octet-stream) have their own, larger limit on their routes.
  const jsonLimit = bodyLimit({ maxSize: limits.maxJsonBytes });
  app.use('/v1/*', async (c, next) => {
    if ((c.req.header('content-type') ?? '').startsWith('application/octet-stream')) return next();
    // Profile requests carry a whole data set; their route has its own limit (maxDatasetBytes).
    if (c.req.method === 'POST' && c.req.path.endsWith('/profile')) return next();
    return jsonLimit(c, next);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const ready = deps.isReady?.() ?? true;
    return c.json({ status: ready ? 'ready' : 'starting' }, ready ? 200 : 503);
  });
  const syncEvaluationMetrics = createEvaluationMetricsSync(metrics);
  app.get('/metrics', async (c) => {
    const registry = services.models.counts();
    metrics.models.set(registry.models);
    metrics.modelVersions.set(registry.versions);
    for (const [presence, n] of Object.entries(services.fleet.devices.presenceCounts())) metrics.devices.set({ presence }, n);
    syncEvaluationMetrics(services.evaluation.metricsSnapshot());
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  if (deps.console) app.route('/', createConsoleRoutes(deps.console));
  if (deps.runtime) app.route('/', createRuntimeRoutes(deps.runtime));

  let openApi: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => c.json((openApi ??= buildOpenApiDocument(apiOperations, { version: '1' }))));

  const v1 = new Hono<AppEnv>();
  // Public routes first: Hono runs handlers in registration order, so they are answered before auth.
  v1.route('/keys', createKeyRoutes(services));
  v1.route('/enroll', createEnrollRoutes(services));

  v1.use('*', requireAuth(services.auth));
  v1.use('/tokens/*', authorize());
  v1.route('/tokens', createTokenRoutes(services));
  v1.use('/audit/*', authorize());
  v1.route('/audit', createAuditRoutes(services));
  v1.use('/models/*', authorize());
  v1.route('/models', createModelRoutes({ models: services.models, limits }));
  v1.route('/models', createVariantRoutes({ variants: services.variants, limits }));
  v1.route('/models', createProfileRoutes({ profiles: services.evaluation.profiles, maxDatasetBytes: limits.maxDatasetBytes }));
  v1.use('/profiles/*', authorize({ allowDevice: true }));
  v1.route('/profiles', createProfileDownloadRoutes({ profiles: services.evaluation.profiles }));
  v1.use('/evaluation/*', authorize());
  v1.route('/evaluation', createEvaluationRoutes({ queries: services.evaluation.queries }));
  v1.use('/alerts/*', authorize());
  v1.use('/alerts', authorize());
  v1.route('/alerts', createAlertRoutes({ alerts: services.evaluation.alerts }));
  v1.use('/artifacts/*', authorize({ allowDevice: true }));
  v1.route('/artifacts', createArtifactRoutes(services));
  v1.use('/devices/*', authorize({ allowDevice: true }));
  v1.route('/devices', createDeviceRoutes(services));
  v1.route('/devices', createDeviceSummaryRoutes({ ingest: services.evaluation.ingest }));
  v1.use('/fleets/*', authorize());
  v1.route('/fleets', createFleetRoutes(services));
  v1.use('/assignments/*', authorize());
  v1.route('/assignments', createAssignmentRoutes(services));
  v1.use('/rollouts', authorize()); // POST /v1/rollouts itself, which '/rollouts/*' does not cover
  v1.use('/rollouts/*', authorize());
  v1.route('/rollouts', createRolloutRoutes({ rollouts: services.rollouts.service }));
  app.route('/v1', v1);
  return app;
}
export type ControlPlaneApp = ReturnType<typeof createApp>;
