import { describe, expect, it } from 'vitest';
import { liveChangeSchema, type LiveChange, type WindowSummary } from '../../protocol/index.ts';
import type { AlertEvaluation, AlertsService } from '../features/evaluation/alerts.service.ts';
import type { SummaryIngestResult, SummaryIngestService } from '../features/evaluation/summary-ingest.service.ts';
import { createChangeBus } from './change-bus.ts';
import { announceAlerts, announceSummaries } from './change-sources.ts';

// Summaries and alert checks are not audited, so their services are wrapped to reach the live feed.
// The wrapped services are stand-ins here: only what the wrapper adds is under test.

const now = () => new Date('2026-01-01T00:00:00.000Z');

function collect() {
  const bus = createChangeBus();
  const seen: LiveChange[] = [];
  bus.subscribe((c) => seen.push(liveChangeSchema.parse(c)));
  return { bus, seen };
}

describe('change sources for evaluation data', () => {
  it('announces each accepted summary as a change of its model version, and nothing for a dropped one', async () => {
    const { bus, seen } = collect();
    const results: SummaryIngestResult[] = [{ accepted: true, gap: 0 }, { accepted: false, reason: 'duplicate' }, { accepted: true, gap: 0 }];
    const inner = {
      ingest: () => results.shift()!, submit: async () => results.shift()!,
      flush: () => undefined, totals: () => [], clearCache: () => undefined, close: () => undefined,
    } satisfies SummaryIngestService;
    const ingest = announceSummaries(inner, bus, now);
    const summary = { model: 'bc', version: '2', arm: 'candidate', counts: { predictions: 60 } } as unknown as WindowSummary;
    expect(ingest.ingest(summary)).toEqual({ accepted: true, gap: 0 });
    expect(ingest.ingest(summary)).toEqual({ accepted: false, reason: 'duplicate' });
    expect(seen).toHaveLength(1);
    await expect(ingest.submit(summary)).resolves.toEqual({ accepted: true, gap: 0 }); // group-committed path
    const change = {
      topic: 'evaluation', action: 'evaluation.summary', id: 'bc:2', at: '2026-01-01T00:00:00.000Z',
      data: { model: 'bc', version: '2', arm: 'candidate', predictions: 60 },
    };
    expect(seen).toEqual([change, change]);
  });

  it('announces an alert check only when it opened or resolved alerts', async () => {
    const { bus, seen } = collect();
    const outcomes = [{ fired: 0, resolved: 0 }, { fired: 1, resolved: 0 }];
    const evaluate = async (): Promise<AlertEvaluation> => ({ rules: 1, sent: 0, failed: 0, suppressed: 0, errors: [], ...outcomes.shift()! });
    const alerts = announceAlerts({ evaluate } as unknown as AlertsService, bus, now);
    await alerts.evaluate();
    await alerts.evaluate();
    expect(seen).toEqual([{ topic: 'alert', action: 'alert.evaluate', at: '2026-01-01T00:00:00.000Z', data: { fired: 1, resolved: 0 } }]);
  });
});
