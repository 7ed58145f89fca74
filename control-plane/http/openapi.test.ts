import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestControlPlane, type TestControlPlane } from '../../test/helpers/control-plane.ts';
import { apiOperations } from './api-operations.ts';

describe('/openapi.json', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(() => cp.close());

  it('documents every operation with JSON schemas from the protocol, without a token', async () => {
    const res = await cp.call('GET', '/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.0.3');
    for (const op of apiOperations) expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
    const push = doc.paths['/v1/models/{name}/versions/{version}']?.post;
    expect(push.requestBody.content['application/octet-stream']).toBeDefined();
    expect(push.responses['409'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
    const enroll = doc.paths['/v1/enroll']?.post;
    expect(enroll.security).toEqual([]);
    expect(enroll.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['token', 'name', 'capabilities']));
  });

  it('lists only routes the server really answers', async () => {
    for (const op of apiOperations.filter((o) => o.method === 'get' && !o.path.includes('{'))) {
      const res = await cp.call('GET', op.path);
      expect(res.status, op.path).toBe(200);
    }
  });
});
