import {
  EdgefleetError,
  matchesSelector,
  parseSelector,
  type Assignment,
  type AssignmentSpec,
  type Capabilities,
  type DesiredModel,
  type Fleet,
  type Labels,
  type ModelVersion,
  type ProfileRef,
  type Selector,
} from '../../../protocol/index.ts';
import { chooseVariant } from './choose-variant.ts';

/** The model registry as the fleet sees it: alias or version -> version with its signed variants. */
export interface ModelCatalog {
  resolve(name: string, ref: { alias?: string; version?: string }): ModelVersion | null;
  /** Where a version's reference profile is (evaluation feature), when it has one. */
  profileRef?(name: string, version: string): ProfileRef | null;
}

/** An assignment with its selector parsed once per recomputation, not once per device. */
export interface CompiledAssignment {
  name: string;
  spec: AssignmentSpec;
  selector: Selector;
  /** Number of selector requirements: the more a selector says, the more specific it is. */
  specificity: number;
  updatedAt: string;
}

/**
 * Parse every assignment's selector (its own, or its fleet's). An assignment whose fleet is gone or
 * whose selector no longer parses matches nothing; writes validate both, so this is defensive only.
 */
export function compileAssignments(assignments: readonly Assignment[], fleets: readonly Fleet[]): CompiledAssignment[] {
  const fleetSelectors = new Map(fleets.map((f) => [f.name, f.selector]));
  const out: CompiledAssignment[] = [];
  for (const a of assignments) {
    const source = a.spec.fleet !== undefined ? fleetSelectors.get(a.spec.fleet) : a.spec.selector;
    if (source === undefined) continue;
    let selector: Selector;
    try {
      selector = parseSelector(source);
    } catch (err) {
      if (err instanceof EdgefleetError) continue;
      throw err;
    }
    out.push({ name: a.name, spec: a.spec, selector, specificity: selector.requirements.length, updatedAt: a.updatedAt });
  }
  return out;
}

/**
 * The conflict rule, in order: the most specific selector wins (most requirements); on a tie the
 * most recently updated assignment; on a tie of both, the name that sorts first (so the answer never
 * depends on row order).
 */
export function compareAssignments(a: CompiledAssignment, b: CompiledAssignment): number {
  if (a.specificity !== b.specificity) return b.specificity - a.specificity;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Matching assignments grouped by model, each group ranked best first by `compareAssignments`. */
export function rankMatches(labels: Labels, compiled: readonly CompiledAssignment[]): Map<string, CompiledAssignment[]> {
  const byModel = new Map<string, CompiledAssignment[]>();
  for (const a of compiled) {
    if (!matchesSelector(a.selector, labels)) continue;
    const group = byModel.get(a.spec.model) ?? [];
    group.push(a);
    byModel.set(a.spec.model, group);
  }
  for (const group of byModel.values()) group.sort(compareAssignments);
  return byModel;
}

export type DesiredModelResolver = (device: { labels: Labels; capabilities: Capabilities }) => DesiredModel[];

/**
 * Build a resolver for one recomputation: assignments compiled once, catalog answers cached (an
 * alias is looked up once however many devices it reaches).
 *
 * Per model, the best-ranked matching assignment that resolves to a shippable variant wins; one
 * that does not resolve (alias deleted, only unsigned variants) yields to the next, so devices fall
 * back to a broader assignment instead of losing the model. Models come out sorted by name so the
 * same content always hashes the same.
 */
export function createDesiredModelResolver(catalog: ModelCatalog, compiled: readonly CompiledAssignment[]): DesiredModelResolver {
  const cache = new Map<string, ModelVersion | null>();
  const lookup = (spec: AssignmentSpec): ModelVersion | null => {
    const key = `${spec.model}\u0000${spec.alias ?? ''}\u0000${spec.version ?? ''}`;
    if (!cache.has(key)) {
      const ref = spec.alias !== undefined ? { alias: spec.alias } : { version: spec.version as string };
      cache.set(key, catalog.resolve(spec.model, ref));
    }
    return cache.get(key) ?? null;
  };

  return (device) => {
    const models: DesiredModel[] = [];
    for (const [model, ranked] of rankMatches(device.labels, compiled)) {
      for (const a of ranked) {
        const version = lookup(a.spec);
        const chosen = version && chooseVariant(device.capabilities, version.variants, a.spec.variant);
        if (!version || !chosen) continue;
        const profile = catalog.profileRef?.(model, version.version) ?? null;
        models.push({
          name: model, version: version.version, variant: chosen.variant,
          artifactPath: `/v1/artifacts/${chosen.sha256}`, signed: chosen.signed, assignment: a.name,
          ...(profile && { profile }),
        });
        break;
      }
    }
    return models.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  };
}
