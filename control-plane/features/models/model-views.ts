import type { ModelSummary, ModelVersion, TensorSpec, VariantInfo } from '../../../protocol/index.ts';
import type { AliasRow, ModelRow, VariantRow, VersionRow } from './models.store.ts';

/** Registry rows -> the protocol's ModelVersion. Optional fields are left out, not set to null. */
export function toModelVersion(row: VersionRow, variants: VariantRow[], aliases: AliasRow[]): ModelVersion {
  return {
    name: row.name,
    version: row.version,
    createdAt: row.createdAt,
    ...(row.createdBy ? { createdBy: row.createdBy } : {}),
    inputs: row.inputs,
    outputs: row.outputs,
    opset: row.opset,
    ...(row.producer ? { producer: row.producer } : {}),
    variants: variants.map(toVariantInfo),
    aliases: aliases.filter((a) => a.version === row.version).map((a) => a.alias),
  };
}

export function toVariantInfo(row: VariantRow): VariantInfo {
  return {
    variant: row.variant,
    sha256: row.sha256,
    size: row.size,
    status: row.status,
    ...(row.signed ? { signed: row.signed } : {}),
    ...(row.evidence ? { evidence: row.evidence } : {}),
  };
}

/** `versions` must be oldest first: the last is reported as the latest. */
export function toModelSummary(model: ModelRow, versions: VersionRow[], aliases: AliasRow[]): ModelSummary {
  const latest = versions.at(-1);
  return {
    name: model.name,
    versions: versions.map((v) => v.version),
    aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.version])),
    ...(latest ? { latestVersion: latest.version } : {}),
    updatedAt: model.updatedAt,
  };
}

/**
 * Differences between a version's interface and a new variant's, by tensor name and datatype.
 * Shapes may differ (a quantizer can pin a dynamic dimension); names and types are what callers
 * send, so a variant that changes them would break clients switched to it. Empty when compatible.
 */
export function interfaceDifferences(
  expected: { inputs: TensorSpec[]; outputs: TensorSpec[] },
  actual: { inputs: TensorSpec[]; outputs: TensorSpec[] },
): string[] {
  return [
    ...compareTensors('input', expected.inputs, actual.inputs),
    ...compareTensors('output', expected.outputs, actual.outputs),
  ];
}

function compareTensors(role: string, expected: TensorSpec[], actual: TensorSpec[]): string[] {
  const found = new Map(actual.map((t) => [t.name, t]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = found.get(e.name);
    if (!a) problems.push(`${role} "${e.name}" is missing`);
    else if (a.datatype !== e.datatype) problems.push(`${role} "${e.name}" is ${a.datatype}, the version has ${e.datatype}`);
    found.delete(e.name);
  }
  for (const extra of found.keys()) problems.push(`${role} "${extra}" is not in the version`);
  return problems;
}

/** "spox", "pytorch 2.3.0": ONNX keeps producer name and version apart, the protocol has one field. */
export function producerLabel(name?: string, version?: string): string | undefined {
  const label = [name, version].filter((s) => s && s.trim()).join(' ');
  return label || undefined;
}
