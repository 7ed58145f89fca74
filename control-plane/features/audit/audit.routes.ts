import { Hono } from 'hono';
import { z } from 'zod';
import { parseOrThrow } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { AuditLog } from './audit.store.ts';

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export function createAuditRoutes(deps: { audit: AuditLog }) {
  return new Hono<AppEnv>().get('/', (c) => {
    const q = parseOrThrow(querySchema, c.req.query(), 'query');
    return c.json({ entries: deps.audit.list({ limit: q.limit, beforeId: q.before }) });
  });
}
