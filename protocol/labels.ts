import { z } from 'zod';

// Label keys and values follow Kubernetes' rules closely enough that selectors read the same.
const labelKey = z
  .string()
  .regex(/^[a-zA-Z0-9]([a-zA-Z0-9._/-]{0,61}[a-zA-Z0-9])?$/, 'label keys are letters, digits, ".", "_", "-", "/"');
const labelValue = z
  .string()
  .regex(/^([a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?)?$/, 'label values are letters, digits, ".", "_", "-"');

/** @example labelsSchema.parse({ site: 'berlin', tier: 'gpu' }) */
export const labelsSchema = z.record(labelKey, labelValue);
export type Labels = z.infer<typeof labelsSchema>;

/**
 * Parse `k=v,k2=v2` (the CLI's form) into labels.
 *
 * @example
 * parseLabelList('site=berlin,tier=cpu') // { site: 'berlin', tier: 'cpu' }
 */
export function parseLabelList(text: string): Labels {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`label "${part}" must be key=value`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return labelsSchema.parse(out);
}
