import type { Device } from '../../protocol/index.ts';
import type { ChangeBus } from './change-bus.ts';

/**
 * A device that goes quiet without a Last Will turns offline only by timeout (devices.service
 * computes presence on read), so no message announces it. This sweep looks every `intervalMs` and
 * announces such flips; flips already announced by a message are learned from the bus, not repeated.
 */
export function startPresenceSweep(deps: {
  devices: { list(): Device[] };
  bus: ChangeBus;
  now: () => Date;
  intervalMs: number;
}): { stop(): void } {
  const { bus } = deps;
  const known = new Map<string, Device['presence']>();
  let seeded = false;

  const unsubscribe = bus.subscribe((change) => {
    if (change.topic !== 'device' || !change.id) return;
    if (change.action === 'device.presence' && typeof change.data?.presence === 'string') {
      known.set(change.id, change.data.presence as Device['presence']);
    } else if (change.action === 'device.delete') {
      known.delete(change.id);
    }
  });

  function sweep(): void {
    const at = deps.now().toISOString();
    for (const device of deps.devices.list()) {
      const before = known.get(device.id);
      known.set(device.id, device.presence);
      // Enrollment is announced on its own; only a flip of a device already seen is news here.
      if (seeded && before !== undefined && before !== device.presence) {
        bus.emit({ topic: 'device', action: 'device.presence', id: device.id, at, data: { presence: device.presence, reason: 'timeout' } });
      }
    }
    seeded = true;
  }

  sweep();
  const timer = setInterval(sweep, deps.intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
