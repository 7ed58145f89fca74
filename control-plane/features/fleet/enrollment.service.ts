import { devicePrefix, type EnrollRequest, type EnrollResponse, type SigningKey } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { hashSecret, newId, newSecret } from '../../security/secrets.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { TokensService } from '../tokens/tokens.service.ts';
import type { DesiredStatesService } from './desired-states.service.ts';
import type { DevicesStore } from './devices.store.ts';

export interface EnrollmentService {
  /** Spend one use of the enrollment token and register the device. The credential is shown only here. */
  enroll(request: EnrollRequest): EnrollResponse;
}

export function createEnrollmentService(deps: {
  tokens: Pick<TokensService, 'spendEnrollmentToken'>;
  devices: DevicesStore;
  desired: DesiredStatesService;
  audit: AuditLog;
  clock: Clock;
  tx: RunInTransaction;
  /** The control plane's manifest-signing public key, which the agent pins now. */
  signingKey: () => SigningKey;
  /** The MQTT port devices should connect to (the broker's real port once it listens). */
  mqttPort: () => number;
}): EnrollmentService {
  const { tokens, devices, desired, audit, clock, tx } = deps;
  return {
    enroll(request) {
      const signingKey = deps.signingKey();
      const credential = newSecret('efd');
      const at = clock.now().toISOString();
      // One transaction: a failure after the token was spent gives the use back.
      const { deviceId, labels, changed } = tx(() => {
        const token = tokens.spendEnrollmentToken(request.token);
        const id = newId('dev');
        // The token's labels are stamped over the device's own: an operator decides site and tier,
        // not the box that asks to join.
        const merged = { ...request.labels, ...token.labels };
        devices.insert({
          id, name: request.name, labels: merged, capabilities: request.capabilities,
          credentialHash: hashSecret(credential), enrollTokenId: token.tokenId, enrolledAt: at,
        });
        audit.record({
          at, actor: `token:${token.tokenId}`, action: 'device.enroll', target: id,
          details: { name: request.name, labels: merged },
        });
        return { deviceId: id, labels: merged, changed: desired.recompute([id]) };
      });
      desired.publish(changed);
      return {
        deviceId, credential, labels, signingKey,
        mqtt: { port: deps.mqttPort(), topicPrefix: devicePrefix(deviceId) },
      };
    },
  };
}
