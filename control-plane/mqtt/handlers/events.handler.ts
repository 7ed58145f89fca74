import { deviceEventSchema } from '../../../protocol/index.ts';
import type { DeviceMessagesService } from '../../features/fleet/device-messages.service.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/** `<prefix>/events`: model activations, load failures, reverts, rejected artifacts. */
export function createEventsHandler(messages: Pick<DeviceMessagesService, 'event'>): ChannelHandler {
  return schemaHandler(deviceEventSchema, (message) => messages.event(message));
}
