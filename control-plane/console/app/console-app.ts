import { h } from 'preact';
import { useEffect, useErrorBoundary, useMemo, useRef, useState } from 'preact/hooks';
import { createApiClient } from './api/api-client.ts';
import { createEndpoints } from './api/endpoints.ts';
import { Shell } from './components/shell.ts';
import { SignIn } from './components/sign-in.ts';
import { EmptyState, ErrorNote, PageHeader } from './components/ui.ts';
import type { LiveClient, ReadyFrame } from './live/live-client.ts';
import { findPage, type PageDefinition } from './pages/page-registry.ts';
import { href, useRoute } from './router.ts';
import { SessionContext, signIn, tokenStore, type ConsoleSession } from './session.ts';

type State =
  | { kind: 'signed-out'; message?: string }
  | { kind: 'signing-in' }
  | { kind: 'signed-in'; token: string; live: LiveClient; ready: ReadyFrame };

/** The whole console: sign-in until a token is accepted, then the shell with the routed page. */
export function ConsoleApp(props: { pages: readonly PageDefinition[] }) {
  const [state, setState] = useState<State>(() => (tokenStore.load() ? { kind: 'signing-in' } : { kind: 'signed-out' }));
  const stateRef = useRef(state);
  stateRef.current = state;

  const signOut = (message?: string) => {
    const current = stateRef.current;
    if (current.kind === 'signed-in') current.live.close();
    tokenStore.clear();
    setState({ kind: 'signed-out', ...(message ? { message } : {}) });
  };

  const start = (token: string, remember: boolean | null) => {
    setState({ kind: 'signing-in' });
    signIn(token, { onAuthFailed: (m) => signOut(`Signed out: ${m}`) }).then(
      ({ live, ready }) => {
        if (remember !== null) tokenStore.save(token, remember);
        setState({ kind: 'signed-in', token, live, ready });
      },
      (err: Error) => {
        tokenStore.clear();
        setState({ kind: 'signed-out', message: `Sign-in failed: ${err.message}` });
      },
    );
  };

  // A token kept from an earlier visit is tried once, as if just entered.
  useEffect(() => {
    const kept = tokenStore.load();
    if (kept) start(kept, null);
  }, []);

  if (state.kind !== 'signed-in') {
    return h(SignIn, { busy: state.kind === 'signing-in', message: state.kind === 'signed-out' ? state.message : undefined, onSubmit: start });
  }
  return h(SignedIn, { pages: props.pages, token: state.token, live: state.live, ready: state.ready, signOut });
}

function SignedIn(props: { pages: readonly PageDefinition[]; token: string; live: LiveClient; ready: ReadyFrame; signOut: (m?: string) => void }) {
  const session = useMemo((): ConsoleSession => {
    const api = createApiClient({ token: props.token, onUnauthenticated: (m) => props.signOut(`Signed out: ${m}`) });
    return {
      api: createEndpoints(api), live: props.live, role: props.ready.role, tokenId: props.ready.tokenId,
      canWrite: props.ready.role === 'admin', pages: props.pages, signOut: props.signOut,
    };
  }, [props.token, props.live, props.ready]);
  const route = useRoute();
  const found = findPage(props.pages, route.path);
  const title = found ? (typeof found.page.title === 'function' ? found.page.title(found.params) : found.page.title) : 'Not found';

  // Move focus to the new page's heading so keyboard and screen-reader users land on it.
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${title} · edgefleet`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  }, [route.path]);

  const activePath = found ? (found.page.navParent ?? found.page.path) : '';
  return h(SessionContext.Provider, { value: session },
    h(Shell, { activePath },
      found
        ? h(PageFrame, { key: found.page.id, page: found.page, params: found.params, query: route.query })
        : h('div', null, h(PageHeader, { title: 'Page not found' }),
          h(EmptyState, { title: `Nothing lives at ${route.path}.` }, h('a', { href: href('/') }, 'Go to the overview')))));
}

/** One page, with an error boundary so a bug in it leaves the rest of the console usable. */
function PageFrame(props: { page: PageDefinition; params: Record<string, string>; query: URLSearchParams }) {
  const [error, reset] = useErrorBoundary();
  if (error) {
    return h('div', null, h(ErrorNote, { error, what: 'This page failed to render' }),
      h('button', { type: 'button', onClick: reset }, 'Try again'));
  }
  return h(props.page.component, { params: props.params, query: props.query });
}
