import type { ControlPlaneServices } from '../services.ts';
import type { ChannelHandlers } from './device-ingest.ts';
import { createEventsHandler } from './handlers/events.handler.ts';
import { createPresenceHandler } from './handlers/presence.handler.ts';
import { createReportedHandler } from './handlers/reported.handler.ts';
import { createSummariesHandler } from './handlers/summaries.handler.ts';

/**
 * One handler per device channel. Every transport that carries device messages (the MQTT broker,
 * the browser devices' WebSocket) routes them through these, so validation, deduplication on
 * (device, channel, seq) and the drop reasons are the same whichever way a message came.
 */
export function createChannelHandlers(services: Pick<ControlPlaneServices, 'fleet' | 'evaluation'>): ChannelHandlers {
  const { fleet } = services;
  return {
    presence: createPresenceHandler(fleet.messages),
    reported: createReportedHandler(fleet.messages),
    events: createEventsHandler(fleet.messages),
    summaries: createSummariesHandler(services.evaluation.ingest),
  };
}
