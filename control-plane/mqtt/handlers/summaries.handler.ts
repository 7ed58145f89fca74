import { envelopeSchema } from '../../../protocol/index.ts';
import { schemaHandler, type ChannelHandler } from '../channel-handler.ts';

/**
 * `<prefix>/summaries`: the slot for the statistics feature. Until it lands this checks the
 * envelope and the device id, and accepts (the dispatcher counts it); it stores nothing.
 * The statistics feature replaces it through `createMqttBroker({ handlers: { summaries } })`.
 */
export function createPlaceholderSummariesHandler(): ChannelHandler {
  return schemaHandler(envelopeSchema.loose(), () => ({ accepted: true, gap: 0 }));
}
