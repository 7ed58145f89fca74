import type { Database } from 'better-sqlite3';
import type { SigningKey } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { TokensService } from '../tokens/tokens.service.ts';
import type { ModelCatalog } from './desired-state.resolver.ts';
import { createDesiredStatesService, type DesiredStatePublisher, type DesiredStatesService } from './desired-states.service.ts';
import { createDeviceMessagesService, type DeviceMessagesService } from './device-messages.service.ts';
import { createDeviceMessagesStore } from './device-messages.store.ts';
import { createDevicesService, type DevicesService } from './devices.service.ts';
import { createDevicesStore } from './devices.store.ts';
import { createEnrollmentService, type EnrollmentService } from './enrollment.service.ts';
import { createFleetSpecsService, type FleetSpecsService } from './fleet-specs.service.ts';
import { createFleetSpecsStore } from './fleet-specs.store.ts';

/** The fleet registry's services, as the routes, the MQTT handlers and the models feature see them. */
export interface FleetFeature {
  enrollment: EnrollmentService;
  devices: DevicesService;
  specs: FleetSpecsService;
  desired: DesiredStatesService;
  messages: DeviceMessagesService;
  /**
   * The MQTT broker announces itself once it listens: its real port (enrollment answers carry it)
   * and its publisher (which at once receives every stored desired state, to retain). Returns detach.
   */
  attachBroker(broker: { port: number; publisher: DesiredStatePublisher }): () => void;
}

export interface FleetFeatureDeps {
  db: Database;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  tokens: Pick<TokensService, 'spendEnrollmentToken'>;
  catalog: ModelCatalog;
  signingKey: () => SigningKey;
  /** Configured MQTT port, announced until a broker attaches with its real one. */
  mqttPort: number;
  presenceTimeoutSeconds: number;
}

/** Stores from the database, services from stores: the fleet feature's own composition root. */
export function createFleetFeature(deps: FleetFeatureDeps): FleetFeature {
  const { db, clock, tx, audit, catalog } = deps;
  const devicesStore = createDevicesStore(db);
  const specsStore = createFleetSpecsStore(db);
  const messagesStore = createDeviceMessagesStore(db);
  const desired = createDesiredStatesService({ devices: devicesStore, specs: specsStore, catalog, clock, tx });
  let mqttPort = deps.mqttPort;
  return {
    desired,
    enrollment: createEnrollmentService({
      tokens: deps.tokens, devices: devicesStore, desired, audit, clock, tx,
      signingKey: deps.signingKey, mqttPort: () => mqttPort,
    }),
    devices: createDevicesService({
      devices: devicesStore, messages: messagesStore, desired, audit, clock, tx,
      presenceTimeoutSeconds: deps.presenceTimeoutSeconds,
    }),
    specs: createFleetSpecsService({ specs: specsStore, devices: devicesStore, desired, catalog, audit, clock, tx }),
    messages: createDeviceMessagesService({ devices: devicesStore, messages: messagesStore, clock, tx }),
    attachBroker(broker) {
      const configured = mqttPort;
      mqttPort = broker.port;
      const detach = desired.attachPublisher(broker.publisher);
      return () => {
        detach();
        mqttPort = configured;
      };
    },
  };
}
