import { reportedStateSchema } from '../../../protocol/index.ts';
import type { DeviceMessagesService } from '../../features/fleet/device-messages.service.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/** `<prefix>/reported`: what the device actually runs. The REST route `PUT .../reported` shares the service call. */
export function createReportedHandler(messages: Pick<DeviceMessagesService, 'reported'>): ChannelHandler {
  return schemaHandler(reportedStateSchema, (message) => messages.reported(message));
}
