import { Hono } from 'hono';
import { z } from 'zod';
import { alertRuleNameSchema, alertRuleSpecSchema, parseOrThrow } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { AlertsService } from './alerts.service.ts';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** `/v1/alerts`: rules (admin writes, viewers read), firing and recent alerts, and a check on demand. */
export function createAlertRoutes(deps: { alerts: AlertsService }) {
  const { alerts } = deps;
  const nameOf = (param: string) => parseOrThrow(alertRuleNameSchema, param, 'rule name');
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(alerts.list(parseOrThrow(listQuerySchema, c.req.query(), 'query').limit)))
    .get('/rules', (c) => c.json({ rules: alerts.listRules() }))
    .get('/rules/:name', (c) => c.json(alerts.getRule(nameOf(c.req.param('name')))))
    .put('/rules/:name', async (c) => {
      const spec = parseOrThrow(alertRuleSpecSchema, await c.req.json(), 'alert rule');
      return c.json(alerts.putRule(nameOf(c.req.param('name')), spec, c.get('principal')));
    })
    .delete('/rules/:name', (c) => {
      alerts.deleteRule(nameOf(c.req.param('name')), c.get('principal'));
      return c.body(null, 204);
    })
    // Runs the periodic check now (operators after changing a rule; tests).
    .post('/evaluate', async (c) => c.json(await alerts.evaluate()));
}
