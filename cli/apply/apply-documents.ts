import { canonicalJson, type ConfigDocument } from '../../protocol/index.ts';
import type { ApiClient } from '../api-client.ts';
import type { LoadedDocument } from './load-documents.ts';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  kind: string;
  name: string;
  action: ApplyAction;
  /** Fields whose value changes: [field, before, after]. */
  changes: Array<[string, unknown, unknown]>;
}

// Fleets first: assignments may name a fleet that the same apply creates; rollouts last, they need both.
const ORDER: Record<ConfigDocument['kind'], number> = { Fleet: 0, ModelAssignment: 1, Rollout: 2 };
const BASE: Record<ConfigDocument['kind'], string> = { Fleet: '/v1/fleets', ModelAssignment: '/v1/assignments', Rollout: '/v1/rollouts' };

function endpoint(doc: ConfigDocument): string {
  return `${BASE[doc.kind]}/${encodeURIComponent(doc.metadata.name)}`;
}

/** The spec the server holds, in the same shape as the document's spec, or undefined. */
async function currentSpec(client: ApiClient, doc: ConfigDocument): Promise<Record<string, unknown> | undefined> {
  const found = await client.request<Record<string, unknown> | undefined>('GET', endpoint(doc), { allow404: true });
  if (!found) return undefined;
  // A rollout's PUT creates (starts) it or updates an active one's plan; a finished one answers 409.
  if (doc.kind === 'ModelAssignment' || doc.kind === 'Rollout') return found.spec as Record<string, unknown>;
  const { selector, description } = found as { selector: string; description?: string | null };
  return description === null || description === undefined ? { selector } : { selector, description };
}

function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Array<[string, unknown, unknown]> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const out: Array<[string, unknown, unknown]> = [];
  for (const k of [...keys].sort()) {
    const a = before?.[k];
    const b = after[k];
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) out.push([`spec.${k}`, a, b]);
  }
  return out;
}

/**
 * Bring the control plane to the documents: PUT what differs, leave what matches. Idempotent: a
 * second run reports everything unchanged. With `dryRun` nothing is written.
 */
export async function applyDocuments(client: ApiClient, docs: LoadedDocument[], dryRun: boolean): Promise<ApplyResult[]> {
  const sorted = [...docs].sort((a, b) => ORDER[a.doc.kind] - ORDER[b.doc.kind]);
  const results: ApplyResult[] = [];
  for (const { doc } of sorted) {
    const before = await currentSpec(client, doc);
    const after = JSON.parse(JSON.stringify(doc.spec)) as Record<string, unknown>;
    const changes = diff(before, after);
    const action: ApplyAction = before === undefined ? 'created' : changes.length === 0 ? 'unchanged' : 'configured';
    if (!dryRun && action !== 'unchanged') await client.request('PUT', endpoint(doc), { json: doc.spec });
    results.push({ kind: doc.kind, name: doc.metadata.name, action, changes });
  }
  return results;
}
