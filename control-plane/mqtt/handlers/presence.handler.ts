import { presenceMessageSchema } from '../../../protocol/index.ts';
import type { DeviceMessagesService } from '../../features/fleet/device-messages.service.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/**
 * `<prefix>/presence`: the birth message (`online`) a device publishes after CONNACK, and the Last
 * Will (`offline`) the broker publishes for it when the connection is lost without a DISCONNECT
 * (MQTT 3.1.1 section 3.1.2.5; MQTT 5 section 3.1.3.2).
 */
export function createPresenceHandler(messages: Pick<DeviceMessagesService, 'presence'>): ChannelHandler {
  return schemaHandler(presenceMessageSchema, (message, context) =>
    messages.presence(message, { lastWill: context.lastWill && message.status === 'offline' }),
  );
}
