import { alertsListSchema, driftReportsSchema, qualityReportsSchema, timeseriesSchema } from '../protocol.ts';
import type { ApiClient } from './api-client.ts';

// `/v1/evaluation/*` and `/v1/alerts` (control-plane/features/evaluation), parsed with the
// protocol's schemas (protocol/evaluation.ts, protocol/alerts.ts).

/** Filters every evaluation query takes; empty values are left out of the query string. */
export interface EvaluationFilter {
  model?: string;
  version?: string;
  arm?: string;
  /** A duration back from now (`1h`) or an ISO instant. */
  since?: string;
}

/** `?model=bc&since=1h`, without empty values. */
export function evaluationQuery(filter: EvaluationFilter & Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

type Opts = { signal?: AbortSignal };

export function evaluationEndpoints(api: ApiClient) {
  return {
    drift: async (filter: EvaluationFilter, o: Opts = {}) =>
      (await api.request('GET', `/v1/evaluation/drift${evaluationQuery({ ...filter })}`, { schema: driftReportsSchema, ...o })).reports,
    quality: async (filter: EvaluationFilter, o: Opts = {}) =>
      (await api.request('GET', `/v1/evaluation/quality${evaluationQuery({ ...filter })}`, { schema: qualityReportsSchema, ...o })).groups,
    timeseries: (filter: EvaluationFilter & { metric: string; bucket: string }, o: Opts = {}) =>
      api.request('GET', `/v1/evaluation/timeseries${evaluationQuery({ ...filter })}`, { schema: timeseriesSchema, ...o }),
    listAlerts: (limit = 50, o: Opts = {}) => api.request('GET', `/v1/alerts?limit=${limit}`, { schema: alertsListSchema, ...o }),
  };
}
