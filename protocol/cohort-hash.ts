/**
 * The cohort hash: which devices (and which requests) a rollout step sends to the candidate. The
 * control plane, the Node agent and the browser runtime must agree bit for bit, so this is a small
 * written spec (docs/cohort-hash.md) with test vectors, not a library call: MurmurHash3 x86_32 of
 * the UTF-8 bytes of `${rolloutId}:${deviceId}` (seed 0), taken modulo 10,000 buckets. A device is
 * in the cohort when its bucket is below `share * 100`, so growing the share only ever adds devices.
 *
 * Pure: no Buffer, no node: imports (the browser runs it); UTF-8 through TextEncoder.
 */

/** Buckets of the cohort hash: a share is resolved to 0.01 percentage points. */
export const COHORT_BUCKETS = 10_000;

const encoder = new TextEncoder();

const rotl32 = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** One 32-bit block through MurmurHash3's mixing constants. */
function mixBlock(k: number): number {
  return Math.imul(rotl32(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
}

/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain) of a string's UTF-8 bytes or of raw bytes,
 * as an unsigned 32-bit integer. `Math.imul` keeps every product in 32 bits as the C code does.
 *
 * @example
 * murmur3x86_32('hello') // 0x248bfa47 (613153351)
 * murmur3x86_32('', 1)   // 0x514e28b7
 */
export function murmur3x86_32(input: string | Uint8Array, seed = 0): number {
  const data = typeof input === 'string' ? encoder.encode(input) : input;
  const length = data.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    const k = data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24);
    h ^= mixBlock(k);
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }
  // The 1-3 trailing bytes, little-endian, as the C switch with fall-through does.
  const tail = blocks * 4;
  const rest = length & 3;
  let k = 0;
  if (rest >= 3) k ^= data[tail + 2]! << 16;
  if (rest >= 2) k ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    k ^= data[tail]!;
    h ^= mixBlock(k);
  }
  h ^= length;
  // fmix32: every input bit affects every output bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The bucket (0..9999) of a device in a rollout.
 *
 * @example
 * deviceBucket('ro_demo', 'dev_0001') // a number in [0, 10000), the same everywhere
 */
export function deviceBucket(rolloutId: string, deviceId: string): number {
  return murmur3x86_32(`${rolloutId}:${deviceId}`) % COHORT_BUCKETS;
}

/**
 * The bucket of a request by the value of its sticky key. The key value is namespaced with
 * `request:` so a sticky key that happens to be the device id (or shares values with device ids)
 * does not line the request split up with the device split: without it, every request of a cohort
 * device would land below the device share and the two splits would be one.
 *
 * @example
 * requestBucket('ro_demo', 'user-42') // murmur3x86_32('ro_demo:request:user-42') % 10000
 */
export function requestBucket(rolloutId: string, stickyValue: string): number {
  return murmur3x86_32(`${rolloutId}:request:${stickyValue}`) % COHORT_BUCKETS;
}

/**
 * Buckets below this threshold are in: a share in percent (0-100) to 0.01 points. Rounded rather
 * than truncated so 0.29 * 100 (28.999...) counts as 29 buckets.
 *
 * @example
 * shareThreshold(10) // 1000
 */
export function shareThreshold(sharePercent: number): number {
  if (!(sharePercent >= 0 && sharePercent <= 100)) throw new RangeError(`a share is 0-100 percent, got ${sharePercent}`);
  return Math.round(sharePercent * 100);
}

/**
 * Is a device in the cohort of a step with this device share (percent)? Monotone: a device in at
 * 10% is in at every larger share.
 *
 * @example
 * inCohort('ro_demo', 'dev_0001', 100) // true
 * inCohort('ro_demo', 'dev_0001', 0)   // false
 */
export function inCohort(rolloutId: string, deviceId: string, deviceSharePercent: number): boolean {
  return deviceBucket(rolloutId, deviceId) < shareThreshold(deviceSharePercent);
}

/**
 * Does a request go to the candidate arm? With a sticky key value the answer is the request bucket
 * against the candidate's request share (the same value always lands on the same arm); without one
 * the caller passes a uniformly random bucket in [0, 10000).
 *
 * @example
 * requestGoesToCandidate(requestBucket('ro_demo', 'user-42'), 25)
 */
export function requestGoesToCandidate(bucket: number, candidateRequestSharePercent: number): boolean {
  return bucket < shareThreshold(candidateRequestSharePercent);
}
