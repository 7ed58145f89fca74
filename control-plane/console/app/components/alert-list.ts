import { h } from 'preact';
import type { Alert } from '../protocol.ts';
import { formatNumber } from '../stats-format.ts';
import { Badge, RelTime } from './ui.ts';

/** Alerts, firing first: rule, subject, the rule's message and value, and whether the webhook got it. */
export function AlertList(props: { alerts: readonly Alert[]; now: number }) {
  return h('ul', { class: 'card-list', 'aria-label': 'Alerts' }, props.alerts.map((a) => h('li', { key: a.id, class: a.status === 'firing' ? 'alert-firing' : undefined },
    h('div', { class: 'event-head' },
      a.status === 'firing' ? h(Badge, { tone: 'bad' }, 'firing') : h(Badge, { tone: 'ok' }, 'resolved'),
      h('strong', null, a.rule), h('span', { class: 'mono' }, a.subject),
      h('span', { class: 'event-time' }, 'since ', h(RelTime, { iso: a.startedAt, now: props.now }))),
    h('p', { class: 'event-message' }, a.message, a.value !== null ? ` (value ${formatNumber(a.value)})` : ''),
    h('p', { class: 'hint' }, a.delivery === 'sent' ? 'webhook notified' : a.delivery === 'cooldown' ? 'not notified: within the rule\'s cooldown' : 'webhook not reached yet; retried every minute'))));
}
