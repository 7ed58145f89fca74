import { windowSummarySchema } from '../../../protocol/index.ts';
import type { SummaryIngestService } from '../../features/evaluation/summary-ingest.service.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/**
 * `<prefix>/summaries`: window summaries (protocol/summaries.ts). Validated against the schema and
 * the topic's device, then merged into their bucket before the broker acknowledges them. Malformed
 * ones, duplicates (device, seq) and summaries counted on an unknown or different profile are
 * dropped and counted by the dispatcher (`edgefleet_mqtt_messages_dropped_total{channel="summaries"}`).
 * `POST /v1/devices/{id}/summaries` calls the same ingest.
 */
export function createSummariesHandler(ingest: Pick<SummaryIngestService, 'ingest'>): ChannelHandler {
  return schemaHandler(windowSummarySchema, (summary, context) => ingest.ingest(summary, context.raw?.toString('utf8')));
}
