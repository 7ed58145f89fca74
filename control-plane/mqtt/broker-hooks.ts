import type { AedesOptions, AuthenticateError, Client } from 'aedes';
import type { Logger } from 'pino';
import type { FleetFeature } from '../features/fleet/fleet-feature.ts';
import type { ControlPlaneMetrics } from '../metrics.ts';
import { decideLogin, maySubscribe, publishChannel } from './broker-policy.ts';
import type { DeviceIngest, IngestOutcome } from './device-ingest.ts';

type BrokerHooks = Required<Pick<AedesOptions, 'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>>;

/**
 * PUBACK for anything stored, refused or dropped for good (a bad message is dropped and counted,
 * the device must not send it again); none for a message that could not be stored
 * (`handler_error`): aedes closes the connection instead, as for a refused publish, and the device
 * publishes it again after reconnecting (MQTT 3.1.1 section 4.4: unacknowledged QoS 1 messages are
 * resent).
 */
function acknowledge(outcome: IngestOutcome, done: (error?: Error | null) => void): void {
  if (!outcome.accepted && outcome.reason === 'handler_error') done(new Error('the message could not be stored'));
  else done(null);
}

/**
 * The aedes hooks that enforce `broker-policy.ts`, count refusals in `metrics.mqttRefused{kind}`, and
 * hand each allowed device message to the ingest before it is acknowledged.
 */
export function createBrokerHooks(deps: {
  fleet: Pick<FleetFeature, 'devices' | 'messages'>;
  metrics: ControlPlaneMetrics;
  logger: Logger;
  ingest: DeviceIngest;
}): BrokerHooks {
  const { fleet, metrics, logger, ingest } = deps;
  // The will topic is in the CONNECT packet, which `preConnect` sees and `authenticate` does not.
  const willTopics = new WeakMap<Client, string | undefined>();
  return {
    preConnect(client, packet, done) {
      willTopics.set(client, packet.will?.topic);
      done(null, true);
    },
    authenticate(client, username, password, done) {
      const decision = decideLogin(
        { clientId: client.id, username, password, willTopic: willTopics.get(client) },
        (credential) => {
          const principal = fleet.devices.authenticate(credential);
          return principal?.kind === 'device' ? principal.deviceId : null;
        },
      );
      if (decision.ok) return done(null, true);
      metrics.mqttRefused.inc({ kind: 'login' });
      logger.info({ clientId: client.id, username, reason: decision.reason }, 'mqtt login refused');
      const err = Object.assign(new Error(decision.reason), { returnCode: decision.code }) as AuthenticateError;
      done(err, false);
    },
    authorizePublish(client, packet, done) {
      // A null client is a will left behind by a broker that died (clustered persistence only);
      // the embedded broker keeps wills in memory, so there is nobody to speak for: refuse.
      const deviceId = client?.id;
      const channel = deviceId === undefined ? null : publishChannel(deviceId, packet.topic);
      if (deviceId === undefined || channel === null) {
        metrics.mqttRefused.inc({ kind: 'publish' });
        logger.info({ deviceId, topic: packet.topic }, 'mqtt publish refused');
        // MQTT 3.1.1 cannot tell the client (no reason codes): the server either acknowledges and
        // drops, or closes the connection (section 3.3.5, [MQTT-3.3.5-2]). aedes closes it, so a
        // misbehaving device notices. (MQTT 5 would answer PUBACK 0x87 Not authorized, 3.4.2.1.)
        return done(new Error(`topic ${packet.topic} is outside the device's channels`));
      }
      // Aedes publishes a will only for a client it is closing, so a closed client means "Last Will".
      const lastWill = client?.closed === true;
      if (!lastWill) fleet.messages.seen(deviceId);
      // Device messages are never retained: only the control plane's desired state is.
      packet.retain = false;
      // Handled here, before aedes sends PUBACK: an acknowledged QoS 1 message is already stored.
      // Summaries are group-committed, so their outcome is a promise that settles after the commit.
      const outcome = ingest(packet.topic, packet.payload as Buffer, { lastWill });
      if (outcome instanceof Promise) void outcome.then((settled) => acknowledge(settled, done));
      else acknowledge(outcome, done);
    },
    authorizeSubscribe(client, subscription, done) {
      if (maySubscribe(client.id, subscription.topic)) return done(null, subscription);
      metrics.mqttRefused.inc({ kind: 'subscribe' });
      logger.info({ deviceId: client.id, topic: subscription.topic }, 'mqtt subscribe refused');
      // A null subscription makes aedes answer SUBACK 0x80 Failure (MQTT 3.1.1 section 3.9.3;
      // MQTT 5 uses 0x87 Not authorized) and keep the connection.
      done(null, null);
    },
  };
}
