/** `AlertSender` over fetch: a JSON POST with a timeout; anything but a 2xx is a failed delivery. */
import type { AlertSender } from './alerts.service.ts';

export function createWebhookSender(options: { timeoutMs?: number; userAgent?: string } = {}): AlertSender {
  return async (url, notification) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': options.userAgent ?? 'edgefleet-alerts/1' },
      body: JSON.stringify(notification),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    await res.body?.cancel(); // the answer's body is not needed; release the connection
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  };
}
