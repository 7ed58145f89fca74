import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routing (`#/devices/dev_abc?presence=online`): the control plane serves one index.html at
 * `/`, so links, reloads and the back button work without server-side routes for each page.
 */
export interface Route {
  /** `/devices/dev_abc`, always starting with `/`. */
  path: string;
  query: URLSearchParams;
}

/** @example parseHash('#/devices?presence=online') // { path: '/devices', query: presence=online } */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = `/${pathPart.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  return { path, query: new URLSearchParams(queryPart) };
}

/**
 * Match `/devices/:id` against `/devices/dev_abc`: the decoded parameters, or null.
 *
 * @example matchPath('/models/:name', '/models/vad') // { name: 'vad' }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** `href('/devices', { presence: 'online' })` -> `#/devices?presence=online`; empty values are left out. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

/** Path segment for an id or a name (model names may hold dots; ids are safe but encode anyway). */
export const seg = (value: string) => encodeURIComponent(value);

/** The current route, re-rendering on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/**
 * Keep filter state in the URL without adding history entries or firing `hashchange` (which
 * would re-render the whole page and move focus while someone types in a filter).
 */
export function replaceQuery(path: string, query: Record<string, string | undefined>): void {
  history.replaceState(history.state, '', href(path, query));
}
