import { h } from 'preact';
import { AlertList } from '../components/alert-list.ts';
import { EmptyState, ErrorNote, Loading } from '../components/ui.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { href } from '../router.ts';
import { useSession } from '../session.ts';

/** The Overview's "Alerts" card: what is firing now, else the last few resolved. */
export function AlertsCard() {
  const { api } = useSession();
  const now = useTicker();
  const alerts = useResource((signal) => api.listAlerts(10, { signal }), [], { topics: ['alert'] });
  if (alerts.error) return h(ErrorNote, { error: alerts.error, what: 'Could not load alerts' });
  if (!alerts.data) return h(Loading, { what: 'alerts' });
  const { firing, recent } = alerts.data;
  if (firing.length > 0) return h(AlertList, { alerts: firing.slice(0, 6), now });
  return h(EmptyState, { title: 'No alerts firing' },
    h('p', null, recent.length > 0 ? `${recent.length} resolved recently; see ` : 'Alert rules (drift, error rate, devices offline) are set with the API; firing ones show here and on ',
      h('a', { href: href('/drift') }, 'Drift & quality'), '.'));
}
