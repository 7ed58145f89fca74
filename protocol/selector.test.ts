import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector } from './selector.ts';

describe('label selector', () => {
  const berlinGpu = { site: 'berlin', tier: 'gpu' };
  const parisCanary = { site: 'paris', tier: 'cpu', canary: 'true' };

  it('matches equality, sets and absence together', () => {
    const s = parseSelector('site=berlin,tier in (gpu,cpu),!canary');
    expect(matchesSelector(s, berlinGpu)).toBe(true);
    expect(matchesSelector(s, parisCanary)).toBe(false);
    expect(matchesSelector(s, { site: 'berlin', tier: 'tpu' })).toBe(false);
  });

  it('treats != and notin as true when the key is missing', () => {
    expect(matchesSelector(parseSelector('site!=berlin'), {})).toBe(true);
    expect(matchesSelector(parseSelector('tier notin (gpu)'), { tier: 'cpu' })).toBe(true);
    expect(matchesSelector(parseSelector('tier notin (gpu)'), berlinGpu)).toBe(false);
  });

  it('supports existence and == and the empty selector', () => {
    expect(matchesSelector(parseSelector('canary'), parisCanary)).toBe(true);
    expect(matchesSelector(parseSelector('canary'), berlinGpu)).toBe(false);
    expect(matchesSelector(parseSelector('site==paris'), parisCanary)).toBe(true);
    expect(parseSelector('  ').requirements).toHaveLength(0);
    expect(matchesSelector(parseSelector(''), berlinGpu)).toBe(true);
  });

  it.each(['site=berlin,', 'tier in (gpu', 'tier in ()', 'a b', 'site=ber lin', ',x'])(
    'refuses malformed selector %j with BAD_SELECTOR',
    (text) => {
      expect(() => parseSelector(text)).toThrowError(expect.objectContaining({ code: 'BAD_SELECTOR' }));
    },
  );
});
