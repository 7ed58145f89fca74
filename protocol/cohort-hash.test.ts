import { describe, expect, it } from 'vitest';
import { COHORT_HASH_VECTORS } from './cohort-hash-vectors.ts';
import {
  COHORT_BUCKETS,
  deviceBucket,
  inCohort,
  murmur3x86_32,
  requestBucket,
  requestGoesToCandidate,
  shareThreshold,
} from './cohort-hash.ts';

describe('murmur3x86_32', () => {
  it.each(COHORT_HASH_VECTORS.murmur3.map((v) => [v.input, v.seed, v.hash] as const))(
    'murmur3(%j, seed %d) = %d',
    (input, seed, hash) => {
      expect(murmur3x86_32(input, seed)).toBe(hash);
      expect(murmur3x86_32(new TextEncoder().encode(input), seed)).toBe(hash);
    },
  );

  it('returns unsigned 32-bit integers', () => {
    for (let i = 0; i < 200; i++) {
      const h = murmur3x86_32(`x${i}`);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });
});

describe('device and request buckets', () => {
  it.each(COHORT_HASH_VECTORS.devices.map((v) => [v.rolloutId, v.deviceId, v.hash, v.bucket] as const))(
    'deviceBucket(%s, %s): hash %d, bucket %d',
    (rolloutId, deviceId, hash, bucket) => {
      expect(murmur3x86_32(`${rolloutId}:${deviceId}`)).toBe(hash);
      expect(deviceBucket(rolloutId, deviceId)).toBe(bucket);
    },
  );

  it.each(COHORT_HASH_VECTORS.requests.map((v) => [v.rolloutId, v.stickyValue, v.bucket] as const))(
    'requestBucket(%s, %j) = %d',
    (rolloutId, value, bucket) => {
      expect(requestBucket(rolloutId, value)).toBe(bucket);
    },
  );

  it('resolves shares to 0.01 points and rejects impossible ones', () => {
    expect(COHORT_HASH_VECTORS.buckets).toBe(COHORT_BUCKETS);
    expect(shareThreshold(10)).toBe(1000);
    expect(shareThreshold(0.29)).toBe(29);
    expect(shareThreshold(100)).toBe(COHORT_BUCKETS);
    expect(() => shareThreshold(101)).toThrow(RangeError);
    expect(() => shareThreshold(Number.NaN)).toThrow(RangeError);
  });

  it('puts the vector devices in or out by bucket < share * 100', () => {
    const [first] = COHORT_HASH_VECTORS.devices; // bucket 2615
    expect(inCohort(first!.rolloutId, first!.deviceId, 26.15)).toBe(false);
    expect(inCohort(first!.rolloutId, first!.deviceId, 26.16)).toBe(true);
    expect(requestGoesToCandidate(2334, 23.34)).toBe(false);
    expect(requestGoesToCandidate(2334, 23.35)).toBe(true);
  });
});

describe('cohort growth', () => {
  const devices = Array.from({ length: 2000 }, (_, i) => `dev_${String(i).padStart(7, '0')}`);
  const cohortAt = (share: number) => new Set(devices.filter((d) => inCohort('ro_growth', d, share)));

  it('only adds devices as the share grows: 0 -> 1 -> 10 -> 50 -> 100', () => {
    const shares = [0, 1, 10, 50, 100];
    const cohorts = shares.map(cohortAt);
    expect(cohorts[0]!.size).toBe(0);
    expect(cohorts[4]!.size).toBe(devices.length);
    for (let i = 1; i < cohorts.length; i++) {
      for (const d of cohorts[i - 1]!) expect(cohorts[i]!.has(d)).toBe(true);
    }
  });

  it('hits the share within sampling error, and different rollouts pick different devices', () => {
    for (const share of [10, 50]) {
      const p = share / 100;
      const sd = Math.sqrt((p * (1 - p)) / devices.length);
      expect(Math.abs(cohortAt(share).size / devices.length - p)).toBeLessThan(4 * sd);
    }
    const other = new Set(devices.filter((d) => inCohort('ro_other', d, 10)));
    const overlap = [...cohortAt(10)].filter((d) => other.has(d)).length;
    // Independent 10% cohorts share about 1% of devices (20 of 2000), not 10%.
    expect(overlap).toBeLessThan(50);
  });

  it('splits requests independently of the device split, even keyed by device id', () => {
    const cohort = [...cohortAt(20)];
    const toCandidate = cohort.filter((d) => requestGoesToCandidate(requestBucket('ro_growth', d), 20)).length;
    expect(toCandidate / cohort.length).toBeGreaterThan(0.1);
    expect(toCandidate / cohort.length).toBeLessThan(0.3);
  });
});
