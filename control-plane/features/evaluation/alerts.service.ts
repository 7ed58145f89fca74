import {
  EdgefleetError,
  alertRuleSpecSchema,
  type Alert,
  type AlertNotification,
  type AlertRule,
  type AlertRuleSpec,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { CheckCondition } from './alert-conditions.ts';
import type { AlertRow, AlertsStore } from './alerts.store.ts';

/** Delivers one notification (a JSON POST to the webhook); rejects when the receiver did not take it. */
export type AlertSender = (url: string, notification: AlertNotification) => Promise<void>;

export interface AlertEvaluation {
  rules: number;
  fired: number;
  resolved: number;
  sent: number;
  failed: number;
  /** New firings not notified because the same rule and subject were notified within the cooldown. */
  suppressed: number;
  errors: Array<{ rule: string; message: string }>;
}

export interface AlertsService {
  putRule(name: string, spec: AlertRuleSpec, by: Principal): AlertRule;
  getRule(name: string): AlertRule;
  listRules(): AlertRule[];
  deleteRule(name: string, by: Principal): void;
  list(limit?: number): { firing: Alert[]; recent: Alert[] };
  /** Check every enabled rule once, open and resolve alerts, deliver notifications. */
  evaluate(): Promise<AlertEvaluation>;
  /** Open alerts per rule, for the `edgefleet_alerts_firing` gauge. */
  firingCounts(): Record<string, number>;
}

interface Delivery {
  alert: AlertRow;
  url: string;
  status: AlertNotification['status'];
}

const publicAlert = ({ details: _details, ...alert }: AlertRow): Alert => alert;

/**
 * Alert rules and their evaluation. Deduplication: a rule firing for a subject opens one alert,
 * notified once; later checks while it fires only update its value. Cooldown: a new episode of the
 * same rule and subject within `cooldownSeconds` of the last notification is recorded but not sent
 * (`delivery: cooldown`). A failed delivery stays `pending` and is retried on the next check.
 */
export function createAlertsService(deps: {
  store: AlertsStore;
  check: CheckCondition;
  send: AlertSender;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
}): AlertsService {
  const { store, check, clock, tx, audit } = deps;
  const toRule = (row: { name: string; spec: string; updatedAt: string }): AlertRule => ({
    ...alertRuleSpecSchema.parse(JSON.parse(row.spec)), name: row.name, updatedAt: row.updatedAt,
  });

  function notification(alert: AlertRow, status: AlertNotification['status']): AlertNotification {
    return {
      version: 1, status, rule: alert.rule, subject: alert.subject, startedAt: alert.startedAt,
      resolvedAt: status === 'resolved' ? alert.resolvedAt : null, value: alert.value, message: alert.message, details: alert.details,
    };
  }

  /** Open, update and resolve alerts for the rules' current hits; returns what to deliver. */
  function reconcile(rules: AlertRule[], result: AlertEvaluation, at: string): Delivery[] {
    const deliveries: Delivery[] = [];
    const open = new Map(store.open().map((a) => [`${a.rule}\u0000${a.subject}`, a]));
    const active = new Set<string>();
    for (const rule of rules) {
      let hits;
      try {
        hits = check(rule.condition);
      } catch (err) {
        result.errors.push({ rule: rule.name, message: (err as Error).message });
        for (const key of open.keys()) if (key.startsWith(`${rule.name}\u0000`)) active.add(key); // unknown: leave them open
        continue;
      }
      for (const hit of hits) {
        const key = `${rule.name}\u0000${hit.subject}`;
        if (active.has(key)) continue;
        active.add(key);
        const existing = open.get(key);
        if (existing) {
          store.update(existing.id, { value: hit.value, message: hit.message, details: hit.details });
          const updated = { ...existing, value: hit.value, message: hit.message, details: hit.details };
          if (existing.delivery === 'pending') deliveries.push({ alert: updated, url: rule.webhook, status: 'firing' });
          continue;
        }
        const last = store.lastNotified(rule.name, hit.subject);
        const cooling = last !== null && Date.parse(at) - Date.parse(last) < rule.cooldownSeconds * 1000;
        const row: Omit<AlertRow, 'id'> = {
          rule: rule.name, subject: hit.subject, status: 'firing', startedAt: at, resolvedAt: null, notifiedAt: null,
          delivery: cooling ? 'cooldown' : 'pending', value: hit.value, message: hit.message, details: hit.details,
        };
        const id = store.insert(row);
        result.fired++;
        if (cooling) result.suppressed++;
        else deliveries.push({ alert: { ...row, id }, url: rule.webhook, status: 'firing' });
      }
    }
    const webhooks = new Map(rules.map((r) => [r.name, r.webhook]));
    for (const [key, alert] of open) {
      if (active.has(key)) continue;
      store.update(alert.id, { status: 'resolved', resolvedAt: at });
      result.resolved++;
      const url = webhooks.get(alert.rule); // a deleted or disabled rule resolves silently
      if (url && alert.delivery === 'sent') deliveries.push({ alert: { ...alert, status: 'resolved', resolvedAt: at }, url, status: 'resolved' });
    }
    return deliveries;
  }

  return {
    putRule(name, spec, by) {
      const at = clock.now().toISOString();
      tx(() => {
        store.putRule({ name, spec: JSON.stringify(spec), updatedAt: at });
        audit.record({ at, actor: actorName(by), action: 'alert.rule.put', target: name, details: { kind: spec.condition.kind } });
      });
      return { ...spec, name, updatedAt: at };
    },
    getRule(name) {
      const row = store.getRule(name);
      if (!row) throw new EdgefleetError('NOT_FOUND', `no alert rule "${name}"`);
      return toRule(row);
    },
    listRules: () => store.listRules().map(toRule),
    deleteRule(name, by) {
      const at = clock.now().toISOString();
      tx(() => {
        if (!store.deleteRule(name)) throw new EdgefleetError('NOT_FOUND', `no alert rule "${name}"`);
        audit.record({ at, actor: actorName(by), action: 'alert.rule.delete', target: name });
      });
    },
    list(limit = 100) {
      return { firing: store.open().map(publicAlert), recent: store.recent(limit).map(publicAlert) };
    },
    async evaluate() {
      const at = clock.now().toISOString();
      const rules = store.listRules().map(toRule).filter((r) => r.enabled);
      const result: AlertEvaluation = { rules: rules.length, fired: 0, resolved: 0, sent: 0, failed: 0, suppressed: 0, errors: [] };
      const deliveries = tx(() => reconcile(rules, result, at));
      await Promise.all(deliveries.map(async (d) => {
        try {
          await deps.send(d.url, notification(d.alert, d.status));
          result.sent++;
          if (d.status === 'firing') store.update(d.alert.id, { delivery: 'sent', notifiedAt: at });
        } catch {
          result.failed++; // a firing notification stays pending and is retried on the next check
        }
      }));
      return result;
    },
    firingCounts() {
      const counts: Record<string, number> = {};
      for (const a of store.open()) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
      return counts;
    },
  };
}
