/**
 * The desired-state overlay of the rollouts feature: built once per recomputation from the active
 * rollouts in the database (so it always agrees with the committed or in-progress state of the
 * transaction that recomputes), applied to each device by `applyRollouts`.
 */
import { EdgefleetError, parseSelector, type Selector } from '../../../protocol/index.ts';
import type { DesiredModelOverlay } from '../fleet/desired-states.service.ts';
import { applyRollouts, type ActiveRollout } from './rollout-directives.ts';
import { trafficAt } from './rollout-plan.ts';
import type { RolloutCatalog } from './rollout-ports.ts';
import type { RolloutsStore } from './rollouts.store.ts';

export function createRolloutOverlay(deps: {
  store: Pick<RolloutsStore, 'listActive'>;
  catalog: Pick<RolloutCatalog, 'resolve' | 'profileRef'>;
  fleetSelector: (name: string) => string | null;
}): () => DesiredModelOverlay {
  return () => {
    const active: ActiveRollout[] = [];
    for (const row of deps.store.listActive()) {
      const source = row.spec.fleet !== undefined ? deps.fleetSelector(row.spec.fleet) : (row.spec.selector ?? '');
      const baseline = deps.catalog.resolve(row.model, { version: row.baselineVersion });
      const candidate = deps.catalog.resolve(row.model, { version: row.candidateVersion });
      if (source === null || !baseline || !candidate) continue; // a deleted fleet or version steers nothing
      let selector: Selector;
      try {
        selector = parseSelector(source);
      } catch (err) {
        if (err instanceof EdgefleetError) continue;
        throw err;
      }
      active.push({
        id: row.id, model: row.model, selector, step: row.step, traffic: trafficAt(row.spec, row.step),
        baseline, candidate, createdAt: row.createdAt, ...(row.spec.variant ? { variant: row.spec.variant } : {}),
      });
    }
    const profileOf = (model: string, version: string) => deps.catalog.profileRef?.(model, version) ?? null;
    return (device, models) => applyRollouts(device, models, active, profileOf);
  };
}
