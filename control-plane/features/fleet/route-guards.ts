import { EdgefleetError } from '../../../protocol/index.ts';
import type { Principal } from '../../http/principal.ts';

/** Fleet-wide reads and all changes are for API tokens; `authorize()` already limits viewers to reads. */
export function assertOperator(p: Principal): void {
  if (p.kind === 'device') throw new EdgefleetError('FORBIDDEN', 'device credentials cannot call this endpoint');
}

/** Only the device itself may report its state: an operator must not forge what a device runs. */
export function assertSelf(p: Principal, deviceId: string): void {
  if (p.kind !== 'device' || p.deviceId !== deviceId) {
    throw new EdgefleetError('FORBIDDEN', 'only the device itself can report its state');
  }
}
