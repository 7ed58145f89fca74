/**
 * `POST /v1/devices/:id/summaries`: the REST way for a summary while MQTT is down. The control
 * plane may not offer it (older versions): a 404 or 405 says so, and the sender stops asking for a
 * while instead of treating every summary as failed.
 */
export type RestOutcome = 'delivered' | 'unsupported' | 'rejected' | 'failed';

export type PostSummary = (body: string) => Promise<RestOutcome>;

export function createSummariesClient(options: { baseUrl: string; deviceId: string; credential: string; fetch: typeof fetch; timeoutMs?: number }): PostSummary {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/devices/${encodeURIComponent(options.deviceId)}/summaries`;
  return async (body) => {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.credential}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch {
      return 'failed';
    }
    await response.body?.cancel();
    // 409: the control plane has this (device, seq) already, which is what delivery means.
    if (response.ok || response.status === 409) return 'delivered';
    if (response.status === 404 || response.status === 405) return 'unsupported';
    // 400/413/422: this summary will never be accepted; keeping it would block every later one.
    if (response.status === 400 || response.status === 413 || response.status === 422) return 'rejected';
    return 'failed';
  };
}
