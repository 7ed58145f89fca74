/**
 * `POST /v1/feedback` and `POST /v1/events` on the agent's local API. Bodies are validated with
 * zod; errors leave as `{"error": "..."}` like the OIP routes beside them, so an app talks to one
 * API with one error shape.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { describeZodError, modelNameSchema } from '../../protocol/index.ts';
import { FeedbackError, type FeedbackService } from './feedback.service.ts';

const requestIdSchema = z.string().min(1).max(256);

export const feedbackBodySchema = z
  .object({
    requestId: requestIdSchema,
    row: z.number().int().nonnegative().optional(),
    label: z.union([z.string().min(1).max(256), z.number()]).optional(),
    value: z.number().optional(),
  })
  .strict()
  .refine((b) => (b.label === undefined) !== (b.value === undefined), { message: 'give either label (classification) or value (regression)' });
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;

export const eventBodySchema = z
  .object({
    requestId: requestIdSchema.optional(),
    model: modelNameSchema.optional(),
    name: z.string().min(1).max(64),
    value: z.number().optional(),
  })
  .strict();
export type EventBody = z.infer<typeof eventBodySchema>;

async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return c.json({ error: 'the body must be JSON' }, 400);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : c.json({ error: `invalid body: ${describeZodError(parsed.error)}` }, 400);
}

function answer(c: Context, run: () => object): Response {
  try {
    return c.json({ accepted: true, ...run() }, 202);
  } catch (error) {
    if (error instanceof FeedbackError) return c.json({ error: error.message }, error.status);
    throw error;
  }
}

/** Adds the feedback routes to the agent's app. */
export function mountFeedbackRoutes(app: Hono, service: FeedbackService): void {
  app.post('/v1/feedback', async (c) => {
    const body = await parseBody(c, feedbackBodySchema);
    return body instanceof Response ? body : answer(c, () => service.feedback(body));
  });
  app.post('/v1/events', async (c) => {
    const body = await parseBody(c, eventBodySchema);
    return body instanceof Response ? body : answer(c, () => service.event(body));
  });
}
