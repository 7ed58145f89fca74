import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../protocol/index.ts';
import { allProviders, executionProviders, filterDevices, patchPresence } from './device-filter.ts';
import { eventsPerHour, newestFirst } from './event-stats.ts';
import { formatBytes, formatShape, formatValue, relativeTime } from './format.ts';
import { nameFromFile } from './forms/push-model-form.ts';
import { checkPages, definePage, findPage, navEntries } from './pages/page-registry.ts';
import { href, matchPath, parseHash } from './router.ts';

// The console's pure logic, in Node; what needs a DOM runs in Chromium (test/console).

describe('router', () => {
  it('parses hashes and matches patterns with decoded parameters', () => {
    expect(parseHash('#/devices/?presence=online')).toMatchObject({ path: '/devices' });
    expect(parseHash('#/devices?presence=online').query.get('presence')).toBe('online');
    expect(parseHash('').path).toBe('/');
    expect(matchPath('/models/:name', '/models/silero.vad')).toEqual({ name: 'silero.vad' });
    expect(matchPath('/models/:name', '/models/a%20b')).toEqual({ name: 'a b' });
    expect(matchPath('/models/:name', '/models')).toBeNull();
    expect(matchPath('/models/:name', '/models/%E0%A4%A')).toBeNull();
    expect(href('/devices', { selector: 'site=lab', presence: undefined })).toBe('#/devices?selector=site%3Dlab');
  });
});

describe('page registry', () => {
  const Comp = () => h('p', null);
  const pages = [
    definePage({ id: 'model', path: '/models/:name', title: 'Model', component: Comp }),
    definePage({ id: 'models', path: '/models', title: 'Models', nav: { label: 'Models', order: 20 }, component: Comp }),
    definePage({ id: 'new-model', path: '/models/new', title: 'New', component: Comp }),
    definePage({ id: 'overview', path: '/', title: 'Overview', nav: { label: 'Overview', order: 0 }, component: Comp }),
  ];

  it('orders fixed paths before parameterised ones and navigation by order', () => {
    const checked = checkPages(pages);
    expect(findPage(checked, '/models/new')?.page.id).toBe('new-model');
    expect(findPage(checked, '/models/vad')).toMatchObject({ page: { id: 'model' }, params: { name: 'vad' } });
    expect(findPage(checked, '/nowhere')).toBeNull();
    expect(navEntries(checked)).toEqual([{ path: '/', label: 'Overview' }, { path: '/models', label: 'Models' }]);
  });

  it('refuses two pages with one id or one path', () => {
    expect(() => checkPages([...pages, definePage({ id: 'models', path: '/x', title: 'X', component: Comp })])).toThrow('id "models"');
    expect(() => checkPages([...pages, definePage({ id: 'x', path: '/models', title: 'X', component: Comp })])).toThrow('path "/models"');
  });
});

const device = (id: string, name: string, over: Partial<Device> = {}): Device => ({
  id, name, labels: {}, presence: 'online', lastSeenAt: null, enrolledAt: '2026-01-01T00:00:00.000Z', reported: null,
  capabilities: {
    agentVersion: '0.1.0', platform: 'node', cpu: { model: 'cpu', cores: 2 }, memoryBytes: 1, runtime: { name: 'ort', version: '1' },
    executionProviders: ['cpu'], gpus: [],
  },
  ...over,
});
const reported = (models: Array<{ name: string; version: string; variant: 'fp32' | 'int8'; executionProvider: string }>) => ({
  schemaVersion: 1, deviceId: 'dev_aaaaaa', seq: 1, sentAt: '2026-01-01T00:00:00.000Z', desiredRevision: 1,
  models: models.map((m) => ({ ...m, status: 'ready' })),
});

describe('device filters', () => {
  const devices = [
    device('dev_aaaaaa', 'b-gpu', { reported: reported([{ name: 'vad', version: '5', variant: 'int8', executionProvider: 'cuda' }]), lastSeenAt: '2026-01-01T00:00:10.000Z' }),
    device('dev_bbbbbb', 'a-cpu', { presence: 'offline', reported: reported([{ name: 'vad', version: '4', variant: 'fp32', executionProvider: 'cpu' }]), lastSeenAt: '2026-01-01T00:00:05.000Z' }),
    device('dev_cccccc', 'c-new', { presence: 'unknown' }),
  ];
  const names = (f: Parameters<typeof filterDevices>[1]) => filterDevices(devices, f).map((d) => d.name);

  it('filters by presence, model version or variant, and execution provider', () => {
    expect(names({})).toEqual(['a-cpu', 'b-gpu', 'c-new']);
    expect(names({ presence: 'offline' })).toEqual(['a-cpu']);
    expect(names({ model: 'vad:5' })).toEqual(['b-gpu']);
    expect(names({ model: 'vad' })).toEqual(['a-cpu', 'b-gpu']);
    expect(names({ model: 'int8' })).toEqual(['b-gpu']);
    expect(names({ provider: 'cuda' })).toEqual(['b-gpu']);
    expect(names({ provider: 'cpu' })).toEqual(['a-cpu', 'c-new']); // c-new reports nothing yet: it has cpu
    expect(names({ sort: 'last-seen' })).toEqual(['b-gpu', 'a-cpu', 'c-new']);
    expect(executionProviders(devices[0] as Device)).toEqual(['cuda']);
    expect(allProviders(devices)).toEqual(['cpu', 'cuda']);
  });

  it('patches a presence flip into the list instead of refetching, and refetches for anything else', () => {
    const at = '2026-01-01T00:01:00.000Z';
    const flip = (id: string, presence: string) => ({ topic: 'device', action: 'device.presence', id, at, data: { presence } });
    const patched = patchPresence(devices, flip('dev_cccccc', 'online'));
    expect(patched?.find((d) => d.id === 'dev_cccccc')).toMatchObject({ presence: 'online', lastSeenAt: at });
    expect(patchPresence(devices, flip('dev_aaaaaa', 'offline'))?.[0]).toMatchObject({ presence: 'offline', lastSeenAt: '2026-01-01T00:00:10.000Z' });
    expect(patchPresence(devices, flip('dev_zzzzzz', 'online'))).toBe(devices);
    expect(patchPresence(devices, { topic: 'device', action: 'device.reported', id: 'dev_aaaaaa', at })).toBeUndefined();
  });
});

describe('formatting and event statistics', () => {
  it('formats sizes, times and shapes for people', () => {
    expect(formatBytes(2327524)).toBe('2.2 MiB');
    expect(formatBytes(512)).toBe('512 B');
    const t = Date.parse('2026-01-01T00:10:00Z');
    expect(relativeTime('2026-01-01T00:05:00Z', t)).toBe('5 min ago');
    expect(relativeTime('2026-01-01T00:10:30Z', t)).toBe('just now');
    expect(relativeTime(null, t)).toBe('never');
    expect(formatShape([])).toBe('scalar');
    expect(formatShape(['batch', -1, 512])).toBe('[batch, ?, 512]');
    expect(nameFromFile('Silero_VAD v5.onnx')).toBe('silero_vad-v5');
    expect(formatValue({ builder: 'quantizeInt8', quantizedNodes: 12, skipped: [], agreement: 0.99871 })).toBe('builder: quantizeInt8, quantizedNodes: 12, skipped: [], agreement: 0.9987');
  });

  it('counts events per hour over the last day, problems apart', () => {
    const now = Date.parse('2026-01-02T10:30:00Z');
    const counts = eventsPerHour([
      { type: 'model.activated', at: '2026-01-02T10:05:00Z' },
      { type: 'model.reverted', at: '2026-01-02T10:20:00Z' },
      { type: 'model.load_failed', at: '2026-01-01T11:00:00Z' }, // first hour of the window
      { type: 'model.activated', at: '2026-01-01T10:59:59Z' }, // just outside
    ], now);
    expect(counts.xs).toHaveLength(24);
    expect(counts.xs.at(-1)).toBe(Date.parse('2026-01-02T10:00:00Z') / 1000);
    expect(counts.total.at(-1)).toBe(2);
    expect(counts.problems.at(-1)).toBe(1);
    expect(counts.total[0]).toBe(1);
    expect(counts.problems[0]).toBe(1);
    expect(counts.total.reduce((a, b) => a + b)).toBe(3);
    expect(newestFirst([{ id: 1, at: '2026-01-01T00:00:00Z' }, { id: 2, at: '2026-01-01T00:00:00Z' }, { id: 3, at: '2025-01-01T00:00:00Z' }]).map((e) => e.id)).toEqual([2, 1, 3]);
  });
});
