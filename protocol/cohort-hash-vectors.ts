/**
 * Test vectors of the cohort hash (docs/cohort-hash.md), as plain JSON-able data so every
 * implementation — the protocol's unit test, the browser runtime's test in Chromium, an agent
 * written in another language — checks itself against the same numbers.
 *
 * The murmur3 values are the published ones (Austin Appleby's SMHasher reference implementation;
 * the first three are quoted in the issue and on Wikipedia's MurmurHash page). The bucket values were
 * computed with the C reference implementation (`MurmurHash3_x86_32`), not with this repository's code.
 */

/** `murmur3x86_32(input, seed) === hash`, the input as UTF-8. */
export interface MurmurVector {
  input: string;
  seed: number;
  hash: number;
}

/** `deviceBucket(rolloutId, deviceId) === bucket` (hash = the full murmur3 value). */
export interface DeviceBucketVector {
  rolloutId: string;
  deviceId: string;
  hash: number;
  bucket: number;
}

/** `requestBucket(rolloutId, stickyValue) === bucket`. */
export interface RequestBucketVector {
  rolloutId: string;
  stickyValue: string;
  hash: number;
  bucket: number;
}

export const MURMUR3_VECTORS: readonly MurmurVector[] = [
  { input: '', seed: 0, hash: 0 },
  { input: 'hello', seed: 0, hash: 0x248bfa47 },
  { input: 'The quick brown fox jumps over the lazy dog', seed: 0, hash: 0x2e4ff723 },
  { input: '', seed: 1, hash: 0x514e28b7 },
  { input: '', seed: 0xffffffff, hash: 0x81f16f39 },
  { input: 'aaaa', seed: 0x9747b28c, hash: 0x5a97808a },
  { input: 'Hello, world!', seed: 0x9747b28c, hash: 0x24884cba },
  { input: 'The quick brown fox jumps over the lazy dog', seed: 0x9747b28c, hash: 0x2fa826cd },
  // One, two and three trailing bytes, and multi-byte UTF-8 (2, 3-byte sequences).
  { input: 'abc', seed: 0, hash: 3017643002 },
  { input: 'abcd', seed: 0, hash: 1139631978 },
  { input: 'ümlaut 日本', seed: 0, hash: 161544514 },
];

const ROLLOUT = 'ro_k3j2p9x8q7w6v5u4t3s2';

export const DEVICE_BUCKET_VECTORS: readonly DeviceBucketVector[] = [
  { rolloutId: ROLLOUT, deviceId: 'dev_0000001', hash: 3750782615, bucket: 2615 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000002', hash: 764116497, bucket: 6497 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000003', hash: 973114581, bucket: 4581 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000004', hash: 3319007748, bucket: 7748 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000005', hash: 64800064, bucket: 64 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000006', hash: 2127899460, bucket: 9460 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000007', hash: 28041850, bucket: 1850 },
  { rolloutId: ROLLOUT, deviceId: 'dev_0000008', hash: 2026053657, bucket: 3657 },
  { rolloutId: ROLLOUT, deviceId: 'dev_abc123', hash: 826943957, bucket: 3957 },
  { rolloutId: ROLLOUT, deviceId: 'dev_zz9', hash: 2299756980, bucket: 6980 },
];

export const REQUEST_BUCKET_VECTORS: readonly RequestBucketVector[] = [
  { rolloutId: ROLLOUT, stickyValue: 'user-1', hash: 2273882334, bucket: 2334 },
  { rolloutId: ROLLOUT, stickyValue: 'user-2', hash: 4035048530, bucket: 8530 },
  { rolloutId: ROLLOUT, stickyValue: 'user-42', hash: 1139453438, bucket: 3438 },
  { rolloutId: ROLLOUT, stickyValue: 'session:7f3a', hash: 896155091, bucket: 5091 },
  { rolloutId: ROLLOUT, stickyValue: 'Ünïcode-用户', hash: 4089331837, bucket: 1837 },
];

/** Everything above in one object: `JSON.stringify(COHORT_HASH_VECTORS)` is the portable file. */
export const COHORT_HASH_VECTORS = {
  buckets: 10_000,
  murmur3: MURMUR3_VECTORS,
  devices: DEVICE_BUCKET_VECTORS,
  requests: REQUEST_BUCKET_VECTORS,
} as const;
