import {
  EdgefleetError,
  type CreateTokenBody,
  type CreatedToken,
  type Labels,
  type TokenInfo,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../http/principal.ts';
import { actorName } from '../../http/principal.ts';
import { hashSecret, newId, newSecret } from '../../security/secrets.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { TokenRow, TokensStore } from './tokens.store.ts';

export interface TokensService {
  create(body: CreateTokenBody, by: Principal): CreatedToken;
  list(): TokenInfo[];
  revoke(id: string, by: Principal): void;
  /** Admin or viewer token -> principal; enrollment tokens never authenticate API calls. */
  authenticate(secret: string): Principal | null;
  /** Check and spend one use of an enrollment token; returns its id and the labels it stamps. */
  spendEnrollmentToken(secret: string): { tokenId: string; labels: Labels };
  /** First start: make sure an admin token exists. Returns the secret only when it was generated now. */
  bootstrapAdmin(fixedSecret?: string): { created: boolean; token?: string };
}

export function createTokensService(deps: {
  store: TokensStore;
  audit: AuditLog;
  clock: Clock;
  tx: RunInTransaction;
}): TokensService {
  const { store, audit, clock, tx } = deps;

  const toInfo = (r: TokenRow): TokenInfo => ({
    id: r.id, role: r.role, name: r.name, labels: r.labels, usesLeft: r.usesLeft,
    expiresAt: r.expiresAt, createdAt: r.createdAt, revokedAt: r.revokedAt,
  });

  const isExpired = (r: TokenRow) => r.expiresAt !== null && Date.parse(r.expiresAt) <= clock.now().getTime();

  function insertToken(body: CreateTokenBody, secret: string, createdBy: string | null): TokenRow {
    const now = clock.now();
    const row: TokenRow = {
      id: newId('tok'), role: body.role, name: body.name ?? null, secretHash: hashSecret(secret),
      labels: body.labels ?? {}, usesLeft: body.uses ?? null,
      expiresAt: body.ttlSeconds ? new Date(now.getTime() + body.ttlSeconds * 1000).toISOString() : null,
      createdAt: now.toISOString(), createdBy, revokedAt: null,
    };
    store.insert(row);
    return row;
  }

  return {
    create(body, by) {
      if (body.role !== 'enroll' && (body.labels || body.uses)) {
        throw new EdgefleetError('VALIDATION_FAILED', 'labels and uses apply only to enrollment tokens (role enroll)');
      }
      const secret = newSecret(body.role === 'enroll' ? 'efe' : 'efa');
      return tx(() => {
        const row = insertToken(body, secret, actorName(by));
        audit.record({ at: row.createdAt, actor: actorName(by), action: 'token.create', target: row.id, details: { role: row.role } });
        return { ...toInfo(row), token: secret };
      });
    },
    list: () => store.list().map(toInfo),
    revoke(id, by) {
      tx(() => {
        const at = clock.now().toISOString();
        if (!store.get(id)) throw new EdgefleetError('NOT_FOUND', `no token with id ${id}`);
        store.revoke(id, at);
        audit.record({ at, actor: actorName(by), action: 'token.revoke', target: id });
      });
    },
    authenticate(secret) {
      const row = store.findByHash(hashSecret(secret));
      if (!row || row.role === 'enroll' || row.revokedAt || isExpired(row)) return null;
      return { kind: 'token', tokenId: row.id, role: row.role };
    },
    spendEnrollmentToken(secret) {
      return tx(() => {
        const row = store.findByHash(hashSecret(secret));
        if (!row || row.role !== 'enroll' || row.revokedAt) {
          throw new EdgefleetError('UNAUTHENTICATED', 'the enrollment token is unknown or revoked');
        }
        if (isExpired(row)) throw new EdgefleetError('TOKEN_EXPIRED', `the enrollment token expired at ${row.expiresAt}`);
        if (!store.consumeUse(row.id)) throw new EdgefleetError('TOKEN_EXHAUSTED', 'the enrollment token has no uses left');
        return { tokenId: row.id, labels: row.labels };
      });
    },
    bootstrapAdmin(fixedSecret) {
      return tx(() => {
        if (fixedSecret) {
          if (store.findByHash(hashSecret(fixedSecret))) return { created: false };
          insertToken({ role: 'admin', name: 'EDGEFLEET_ADMIN_TOKEN' }, fixedSecret, 'system');
          return { created: true };
        }
        if (store.countByRole('admin') > 0) return { created: false };
        const secret = newSecret('efa');
        insertToken({ role: 'admin', name: 'bootstrap admin' }, secret, 'system');
        return { created: true, token: secret };
      });
    },
  };
}
