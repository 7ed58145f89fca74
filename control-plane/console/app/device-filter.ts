import type { Device, LiveChange, ReportedModel } from './protocol.ts';
import { reportedModels } from './api/endpoints.ts';

/** Filters the Devices page applies in the browser (the label selector goes to the server). */
export interface DeviceFilter {
  presence?: string;
  /** Matches a reported model as `name`, `name:version`, or a variant (`int8`). */
  model?: string;
  /** An execution provider the device runs a model on (or has, when it reports none yet). */
  provider?: string;
  sort?: 'name' | 'last-seen';
}

/** `vad:5` for a reported model; a model not loaded yet has no version. */
export function modelRef(m: ReportedModel): string {
  return m.version ? `${m.name}:${m.version}` : m.name;
}

/** The providers the device really uses (from reported models), else the ones it has. */
export function executionProviders(device: Device): string[] {
  const used = reportedModels(device).map((m) => m.executionProvider).filter((p): p is string => Boolean(p));
  return [...new Set(used.length > 0 ? used : device.capabilities.executionProviders)];
}

function matchesModel(device: Device, text: string): boolean {
  const want = text.trim().toLowerCase();
  if (!want) return true;
  return reportedModels(device).some((m) =>
    modelRef(m).toLowerCase().startsWith(want) || m.name.toLowerCase() === want || m.variant === want);
}

/**
 * @example filterDevices(devices, { presence: 'online', model: 'vad:5' })
 */
export function filterDevices(devices: readonly Device[], filter: DeviceFilter): Device[] {
  const out = devices.filter((d) =>
    (!filter.presence || d.presence === filter.presence) &&
    (!filter.provider || executionProviders(d).includes(filter.provider)) &&
    matchesModel(d, filter.model ?? ''));
  if (filter.sort === 'last-seen') return out.sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '') || a.name.localeCompare(b.name));
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Every provider seen across the fleet, for the filter's choices. */
export function allProviders(devices: readonly Device[]): string[] {
  return [...new Set(devices.flatMap(executionProviders))].sort();
}

/**
 * A presence flip carries everything the device list shows about it, so the list is patched
 * instead of refetched (one request per flip would not scale with the fleet). A device not in the
 * list (filtered out) needs nothing; undefined means "refetch" for any other change.
 */
export function patchPresence(devices: Device[], change: LiveChange): Device[] | undefined {
  const presence = change.data?.presence;
  if (change.action !== 'device.presence' || !change.id || (presence !== 'online' && presence !== 'offline')) return undefined;
  if (!devices.some((d) => d.id === change.id)) return devices;
  return devices.map((d) => (d.id !== change.id ? d : { ...d, presence, ...(presence === 'online' ? { lastSeenAt: change.at } : {}) }));
}
