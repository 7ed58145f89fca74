import { h, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LiveStatus } from '../live/live-client.ts';
import { navEntries } from '../pages/page-registry.ts';
import { href } from '../router.ts';
import { READ_ONLY_REASON, useSession } from '../session.ts';
import { Badge } from './ui.ts';

const statusText: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

/** Whether pages are current: changes arrive only while the feed is live. */
function LiveIndicator() {
  const { live } = useSession();
  const [status, setStatus] = useState(live.status());
  useEffect(() => live.onStatus(setStatus), [live]);
  return h('span', { class: `live live-${status}`, role: 'status', title: 'Live updates from the control plane' },
    h('span', { class: 'live-dot', 'aria-hidden': 'true' }), statusText[status]);
}

/** Header, navigation and the main region every page renders into. */
export function Shell(props: { activePath: string; children?: ComponentChildren }) {
  const session = useSession();
  const entries = navEntries(session.pages);
  const focusMain = (e: Event) => {
    e.preventDefault(); // a plain #main link would be read as a route
    document.getElementById('main')?.focus();
  };
  return h('div', { class: 'shell' },
    h('a', { class: 'skip-link', href: '#main', onClick: focusMain }, 'Skip to content'),
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: href('/') }, 'edgefleet'),
      h('nav', { 'aria-label': 'Main' },
        h('ul', null, entries.map((e) => h('li', { key: e.path },
          h('a', { href: href(e.path), 'aria-current': e.path === props.activePath ? 'page' : undefined }, e.label))))),
      h('div', { class: 'session' },
        h(LiveIndicator, null),
        h(Badge, { tone: session.canWrite ? 'info' : 'warn', title: `token ${session.tokenId}` }, session.role),
        h('button', { type: 'button', class: 'link-button', onClick: () => session.signOut() }, 'Sign out'))),
    session.canWrite ? null : h('div', { class: 'banner', role: 'note' }, READ_ONLY_REASON),
    h('main', { id: 'main', tabIndex: -1 }, props.children));
}
