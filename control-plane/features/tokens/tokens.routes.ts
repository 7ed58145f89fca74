import { Hono } from 'hono';
import { createTokenBodySchema, parseOrThrow } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { TokensService } from './tokens.service.ts';

export function createTokenRoutes(deps: { tokens: TokensService }) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ tokens: deps.tokens.list() }))
    .post('/', async (c) => {
      const body = parseOrThrow(createTokenBodySchema, await c.req.json(), 'token request');
      return c.json(deps.tokens.create(body, c.get('principal')), 201);
    })
    .delete('/:id', (c) => {
      deps.tokens.revoke(c.req.param('id'), c.get('principal'));
      return c.body(null, 204);
    });
}
