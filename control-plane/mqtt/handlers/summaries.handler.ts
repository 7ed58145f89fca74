import { windowSummarySchema } from '../../../protocol/index.ts';
import type { SummaryIngestService } from '../../features/evaluation/summary-ingest.service.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/**
 * `<prefix>/summaries`: window summaries (protocol/summaries.ts). Validated against the schema and
 * the topic's device, then queued for the ingest's group commit; the outcome settles after the
 * transaction holding the summary committed, and only then does the broker acknowledge it. The
 * JSON the dispatcher parsed is stored as received (no second serialisation). Malformed ones,
 * duplicates (device, seq) and summaries counted on an unknown or different profile are dropped
 * and counted by the dispatcher (`edgefleet_mqtt_messages_dropped_total{channel="summaries"}`).
 * `POST /v1/devices/{id}/summaries` submits to the same ingest.
 */
export function createSummariesHandler(ingest: Pick<SummaryIngestService, 'submit'>): ChannelHandler {
  return schemaHandler(windowSummarySchema, (summary, context) => ingest.submit(summary, context.text ?? context.raw?.toString('utf8')));
}
