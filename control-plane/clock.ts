/** Injected time source, so services and tests agree on "now" without fake global timers. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
