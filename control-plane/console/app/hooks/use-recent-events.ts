import { useEffect, useState } from 'preact/hooks';
import type { Endpoints } from '../api/endpoints.ts';
import type { EventRow } from '../components/event-list.ts';
import { newestFirst } from '../event-stats.ts';
import type { Device } from '../protocol.ts';
import { useSession } from '../session.ts';
import { useResource } from './use-resource.ts';

/** How many devices' events are gathered (there is no fleet-wide events endpoint yet). */
const EVENT_DEVICES = 25;

async function eventsOf(api: Endpoints, device: Pick<Device, 'id' | 'name'>, signal?: AbortSignal): Promise<EventRow[]> {
  const events = await api.deviceEvents(device.id, 50, signal ? { signal } : {});
  return events.map((e): EventRow => ({ ...e, deviceId: device.id, deviceName: device.name }));
}

/**
 * Recent events across the most recently seen devices. Loaded once (and after each reconnect);
 * then an event announced by the live feed refetches only the device that sent it, debounced per
 * device, so a chatty fleet costs one request per reporting device, not one per device in it.
 */
export function useRecentEvents() {
  const { api, live } = useSession();
  const base = useResource(async (signal) => {
    const devices = await api.listDevices('', { signal });
    const recent = [...devices].sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '')).slice(0, EVENT_DEVICES);
    return newestFirst((await Promise.all(recent.map((d) => eventsOf(api, d, signal)))).flat());
  }, [], { topics: ['device'], when: (c) => c.action === 'device.delete' });
  const [rows, setRows] = useState<EventRow[] | undefined>(undefined);
  useEffect(() => setRows(base.data), [base.data]);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const refresh = async (deviceId: string) => {
      try {
        const mine = await eventsOf(api, await api.getDevice(deviceId));
        setRows((old) => newestFirst([...(old ?? []).filter((r) => r.deviceId !== deviceId), ...mine]));
      } catch {
        base.reload(); // the device went away meanwhile, or the request failed: start over
      }
    };
    const off = live.onChange((c) => {
      if (c.topic !== 'device' || c.action !== 'device.event' || !c.id) return;
      const id = c.id;
      clearTimeout(timers.get(id));
      timers.set(id, setTimeout(() => { timers.delete(id); void refresh(id); }, 200));
    });
    return () => {
      off();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [live, api]);

  return { data: rows, error: base.error };
}
