import type { Aedes } from 'aedes';
import type { Logger } from 'pino';
import { desiredTopic, type DesiredState } from '../../protocol/index.ts';
import type { DesiredStatePublisher } from '../features/fleet/desired-states.service.ts';

/**
 * Publishes desired states straight into the embedded broker (in-process, not as an MQTT client),
 * retained and at QoS 1, so a device that subscribes later, or reconnects, gets the latest at once
 * (MQTT 3.1.1 section 3.3.1.3; MQTT 5 section 3.3.1.3).
 */
export function createRetainedPublisher(deps: {
  broker: Aedes;
  logger: Logger;
  /** Close a device's live session (used when the device is deleted). */
  disconnect: (deviceId: string) => void;
}): DesiredStatePublisher {
  const { broker, logger } = deps;
  const send = (topic: string, payload: Buffer, then?: () => void) => {
    if (broker.closed) return then?.();
    broker.publish({ cmd: 'publish', topic, payload, qos: 1, retain: true, dup: false }, (err) => {
      if (err) logger.error({ err, topic }, 'publishing the desired state failed');
      then?.();
    });
  };
  return {
    publish(deviceId: string, state: DesiredState) {
      send(desiredTopic(deviceId), Buffer.from(JSON.stringify(state), 'utf8'));
    },
    clear(deviceId: string) {
      // A retained message with an empty payload deletes the retained copy (same sections).
      // Then close the session, so a connected agent sees the empty state before it is cut off.
      send(desiredTopic(deviceId), Buffer.alloc(0), () => deps.disconnect(deviceId));
    },
  };
}
