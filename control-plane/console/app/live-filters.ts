import type { LiveChange } from './protocol.ts';

/**
 * Which live changes a page refetches for (useResource's `when`). Pure, unit-tested in Node.
 *
 * A rollout changes with its own decisions (audited: topic `rollout`, id = its name) and with its
 * devices applying a step or going offline (cohort counts); device events and the like do not.
 */
export function rolloutRelevant(change: LiveChange, name?: string): boolean {
  if (change.topic === 'rollout') return name === undefined || change.id === name;
  return change.topic === 'device' && ['device.reported', 'device.presence', 'device.desired', 'device.enroll', 'device.delete'].includes(change.action);
}

/**
 * New data for a model (summaries arrive as `evaluation` changes with id `model:version`), a
 * profile built for it (`model.profile.build`), or an alert check that changed alerts.
 */
export function evaluationRelevant(change: LiveChange, model?: string): boolean {
  if (change.topic === 'alert') return true;
  const id = change.id ?? '';
  const forModel = model === undefined || id === model || id.startsWith(`${model}:`);
  if (change.topic === 'evaluation') return forModel;
  return change.topic === 'model' && change.action === 'model.profile.build' && forModel;
}
