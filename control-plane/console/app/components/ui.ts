import { h, type ComponentChildren } from 'preact';
import { ApiError, describeError } from '../api/api-client.ts';
import { dateTime, formatLabels, relativeTime } from '../format.ts';
import { READ_ONLY_REASON } from '../session.ts';

// Small building blocks every page uses, so pages read as what they show, not as markup.

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export function Badge(props: { tone?: Tone; title?: string; children?: ComponentChildren }) {
  return h('span', { class: `badge badge-${props.tone ?? 'muted'}`, title: props.title }, props.children);
}

const presenceTone: Record<string, Tone> = { online: 'ok', offline: 'bad', unknown: 'muted' };
export function PresenceBadge(props: { presence: string }) {
  return h(Badge, { tone: presenceTone[props.presence] ?? 'muted' }, props.presence);
}

const statusTone: Record<string, Tone> = {
  ready: 'ok', downloading: 'info', verifying: 'info', loading: 'info', building: 'info',
  failed: 'bad', rejected: 'bad', reverted: 'warn',
};
export function StatusBadge(props: { status: string }) {
  return h(Badge, { tone: statusTone[props.status] ?? 'muted' }, props.status);
}

/** The page's one h1; focused after navigation so screen readers announce the new page. */
export function PageHeader(props: { title: string; subtitle?: ComponentChildren; children?: ComponentChildren }) {
  return h('header', { class: 'page-header' },
    h('div', null,
      h('h1', { tabIndex: -1, id: 'page-title' }, props.title),
      props.subtitle ? h('p', { class: 'subtitle' }, props.subtitle) : null),
    props.children ? h('div', { class: 'page-actions' }, props.children) : null);
}

export function Section(props: { title: string; id: string; actions?: ComponentChildren; children?: ComponentChildren; class?: string }) {
  return h('section', { class: `card ${props.class ?? ''}`, 'aria-labelledby': `${props.id}-title` },
    h('div', { class: 'card-head' },
      h('h2', { id: `${props.id}-title` }, props.title),
      props.actions ?? null),
    props.children);
}

/** What is missing and what to do about it, for a list that is empty. */
export function EmptyState(props: { title: string; children?: ComponentChildren }) {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, props.title), props.children ?? null);
}

/** An API error in words: the server's message, then its code and request id for a bug report. */
export function ErrorNote(props: { error: unknown; what?: string }) {
  if (!props.error) return null;
  const err = props.error;
  const message = describeError(err);
  return h('div', { class: 'error-note', role: 'alert' },
    h('strong', null, props.what ? `${props.what}: ` : 'Error: '), message,
    err instanceof ApiError && err.code !== 'NETWORK'
      ? h('span', { class: 'error-meta' }, ` (${err.code}${err.requestId ? `, request ${err.requestId}` : ''})`)
      : null);
}

/** Success message for a form, announced politely. */
export function DoneNote(props: { message: string | undefined }) {
  return props.message ? h('p', { class: 'done-note', role: 'status' }, props.message) : null;
}

/**
 * The visible reason a viewer's control is disabled; controls point at it with aria-describedby.
 * `what` is the short form next to a form (the banner at the top already gives the long one).
 */
export function ReadOnlyNote(props: { id: string; what?: string }) {
  return h('p', { class: 'read-only-note', id: props.id }, props.what ?? READ_ONLY_REASON);
}

export function Field(props: { id: string; label: string; hint?: ComponentChildren; children?: ComponentChildren }) {
  return h('div', { class: 'field' },
    h('label', { for: props.id }, props.label),
    props.children,
    props.hint ? h('p', { class: 'hint', id: `${props.id}-hint` }, props.hint) : null);
}

/** Tables scroll sideways on narrow screens; the region is focusable so keyboards can scroll it. */
export function TableWrap(props: { label: string; children?: ComponentChildren }) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': props.label, tabIndex: 0 }, props.children);
}

export function LabelChips(props: { labels: Record<string, string> }) {
  const items = formatLabels(props.labels);
  if (items.length === 0) return h('span', { class: 'muted' }, 'no labels');
  return h('ul', { class: 'chips', 'aria-label': 'labels' }, items.map((l) => h('li', { key: l, class: 'chip' }, l)));
}

export function RelTime(props: { iso: string | null | undefined; now?: number }) {
  if (!props.iso) return h('span', { class: 'muted' }, 'never');
  return h('time', { dateTime: props.iso, title: dateTime(props.iso) }, relativeTime(props.iso, props.now));
}

export const Code = (props: { children?: ComponentChildren }) => h('code', null, props.children);

export function Loading(props: { what: string }) {
  return h('p', { class: 'loading', role: 'status' }, `Loading ${props.what}…`);
}

/** A definition list from pairs; empty values read as a dash. */
export function Facts(props: { items: Array<[string, ComponentChildren]> }) {
  return h('dl', { class: 'facts' }, props.items.flatMap(([k, v]) => [
    h('dt', { key: `${k}-t` }, k),
    h('dd', { key: `${k}-d` }, v === null || v === undefined || v === '' ? '—' : v),
  ]));
}

/** The value of the input or select an event came from (typed handlers for `h('select', …)`). */
export const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
