/** What each kind of alert condition fires for, from the evaluation reports and the fleet. */
import type { AlertCondition, Device } from '../../../protocol/index.ts';
import type { EvaluationQueries } from './evaluation-queries.service.ts';

/** One subject a condition fires for now. */
export interface AlertHit {
  subject: string;
  value: number | null;
  message: string;
  details: Record<string, unknown>;
}

export type CheckCondition = (condition: AlertCondition) => AlertHit[];

const percent = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export function createConditionChecker(deps: {
  queries: Pick<EvaluationQueries, 'drift' | 'quality'>;
  devices: { list(selector?: string): Array<Pick<Device, 'id' | 'presence'>> };
}): CheckCondition {
  return (condition) => {
    switch (condition.kind) {
      case 'drift': {
        const { reports } = deps.queries.drift({
          model: condition.model, version: condition.version, since: condition.window, history: 'on',
          ...(condition.alpha !== undefined && { alpha: condition.alpha }),
          ...(condition.maxDriftedShare !== undefined && { maxDriftedShare: condition.maxDriftedShare }),
        });
        return reports.filter((r) => r.drifted).map((r) => ({
          subject: `${r.model}:${r.version}`, value: r.driftedShare,
          message: `${r.model}:${r.version} drifted over ${condition.window}: ${r.reason}`,
          details: { model: r.model, version: r.version, profile: r.profile, driftedFeatures: r.driftedFeatures, predictions: r.predictions, devices: r.devices },
        }));
      }
      case 'error-rate': {
        const { groups } = deps.queries.quality({ model: condition.model, since: condition.window });
        return groups
          .filter((g) => g.tiers.infrastructure.predictions >= condition.minPredictions && (g.tiers.infrastructure.errorRate ?? 0) > condition.above)
          .map((g) => ({
            subject: `${g.model}:${g.version}/${g.variant}/${g.arm}`, value: g.tiers.infrastructure.errorRate,
            message: `${g.model}:${g.version} (${g.variant}, ${g.arm}) error rate ${percent(g.tiers.infrastructure.errorRate)} over ${condition.window}, above ${percent(condition.above)}`,
            details: { model: g.model, version: g.version, variant: g.variant, arm: g.arm, predictions: g.tiers.infrastructure.predictions, errors: g.tiers.infrastructure.errors },
          }));
      }
      case 'devices-offline': {
        const offline = deps.devices.list(condition.selector).filter((d) => d.presence === 'offline');
        if (offline.length <= condition.above) return [];
        const scope = condition.selector === '' ? 'all devices' : condition.selector;
        return [{
          subject: `devices(${scope})`, value: offline.length,
          message: `${offline.length} devices offline (${scope}), more than ${condition.above}`,
          details: { offline: offline.slice(0, 50).map((d) => d.id), selector: condition.selector },
        }];
      }
    }
  };
}
