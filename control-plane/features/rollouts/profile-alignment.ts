/**
 * Which histograms of two arms can be compared bin for bin. Each version has its own reference
 * profile, and window summaries are counted on it: feature k of the baseline's windows and feature
 * k of the candidate's line up only when both profiles declare the same feature with the same edges
 * (or categories). Classification scores use the fixed PROBABILITY_EDGES and compare whenever the
 * classes agree; regression scores sit on each profile's own equal-mass edges.
 */
import { canonicalJson, type Profile } from '../../../protocol/index.ts';

export interface ProfileAlignment {
  /** Per feature index: same name, type and bins in both profiles. */
  features: boolean[];
  classes: boolean;
  scores: boolean;
}

function binsOf(f: Profile['features'][number]): string {
  return f.type === 'numeric' ? canonicalJson(f.histogram.edges) : canonicalJson(f.counts.categories);
}

/** Null when a profile is unknown: callers then fall back to comparing vector lengths. */
export function alignProfiles(a: Profile | null, b: Profile | null): ProfileAlignment | null {
  if (!a || !b) return null;
  const features = a.features.map((f, k) => {
    const g = b.features[k];
    return g !== undefined && g.name === f.name && g.type === f.type && binsOf(g) === binsOf(f);
  });
  const [x, y] = [a.output, b.output];
  const classes = Boolean(x && y && canonicalJson(x.spec.classes ?? []) === canonicalJson(y.spec.classes ?? []));
  const scores = Boolean(x && y && canonicalJson(x.scores.edges) === canonicalJson(y.scores.edges));
  return { features, classes, scores };
}
