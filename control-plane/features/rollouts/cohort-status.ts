/**
 * Who has applied a step, from what devices report (pure). A device has applied the step once its
 * reported `desiredRevision` reaches the revision that carried the step and its model is not failed.
 * Offline devices are counted, never waited for; online ones stop blocking after the apply timeout.
 */
import type { CohortCounts, Device } from '../../../protocol/index.ts';
import type { RolloutDeviceRow } from './rollouts.store.ts';

/** The parts of a reported state this reads; anything else a device sends is ignored. */
interface ReportedView {
  desiredRevision: number | null;
  models: Array<{ name: string; status: string }>;
}

function reportedOf(device: Pick<Device, 'reported'>): ReportedView | null {
  const r = device.reported as Partial<ReportedView> | null;
  if (!r || typeof r !== 'object') return null;
  return {
    desiredRevision: typeof r.desiredRevision === 'number' ? r.desiredRevision : null,
    models: Array.isArray(r.models) ? r.models.filter((m) => m && typeof m.name === 'string') : [],
  };
}

export type DeviceProgress = 'applied' | 'pending' | 'offline' | 'timed_out' | 'failed';

export function progressOf(
  device: Pick<Device, 'presence' | 'reported'>,
  tracked: RolloutDeviceRow,
  model: string,
  now: number,
  applyTimeoutMs: number,
): DeviceProgress {
  const reported = reportedOf(device);
  const status = reported?.models.find((m) => m.name === model)?.status;
  if (status === 'failed' || status === 'reverted') return 'failed';
  if (reported?.desiredRevision !== null && reported !== null && reported.desiredRevision >= tracked.revision) return 'applied';
  if (device.presence !== 'online') return 'offline';
  return now - Date.parse(tracked.since) > applyTimeoutMs ? 'timed_out' : 'pending';
}

/** Counts over the tracked devices of a step; devices no longer enrolled drop out. */
export function cohortCounts(
  devices: ReadonlyMap<string, Pick<Device, 'presence' | 'reported'>>,
  tracked: readonly RolloutDeviceRow[],
  model: string,
  now: number,
  applyTimeoutMs: number,
): CohortCounts {
  const counts: CohortCounts = { target: 0, cohort: 0, applied: 0, pending: 0, offline: 0, timedOut: 0, failed: 0 };
  for (const row of tracked) {
    const device = devices.get(row.deviceId);
    if (!device) continue;
    counts.target++;
    if (row.inCohort) counts.cohort++;
    const progress = progressOf(device, row, model, now, applyTimeoutMs);
    if (progress === 'applied') counts.applied++;
    else if (progress === 'pending') counts.pending++;
    else if (progress === 'offline') counts.offline++;
    else if (progress === 'timed_out') counts.timedOut++;
    else counts.failed++;
  }
  return counts;
}
