import type { ComponentType } from 'preact';
import { matchPath } from '../router.ts';

/**
 * How pages plug in. Each `pages/<name>.page.ts` exports `page = definePage({...})`; the build
 * (build-console.ts) finds every such file and hands them to the app, so a later feature adds its
 * page (Rollouts, Drift & quality, Experiments) by adding one file, with no list to edit.
 */
export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

/** Cards on the Overview that later features fill; until then each shows what to do to get one. */
export type OverviewSlot = 'alerts' | 'rollouts' | 'drift';

export interface PageDefinition {
  /** Unique, kebab-case. */
  id: string;
  /** Hash path pattern: `/devices/:id`. */
  path: string;
  /** Document title (the page's h1 says the same or more). */
  title: string | ((params: Record<string, string>) => string);
  /** In the main navigation, sorted by `order`; leave out for detail pages. */
  nav?: { label: string; order: number };
  /** A detail page highlights its parent in the navigation: `/devices/:id` -> `/devices`. */
  navParent?: string;
  component: ComponentType<PageProps>;
  /** Overview cards this feature provides, replacing the empty state of that slot. */
  overviewCards?: Partial<Record<OverviewSlot, ComponentType>>;
}

export function definePage(page: PageDefinition): PageDefinition {
  return page;
}

/** The page for a path, with its parameters; the first whose pattern matches wins. */
export function findPage(pages: readonly PageDefinition[], path: string): { page: PageDefinition; params: Record<string, string> } | null {
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

/** Navigation entries in order. Throws on two pages with one id or one path: a plug-in mistake. */
export function checkPages(pages: readonly PageDefinition[]): PageDefinition[] {
  const ids = new Set<string>();
  const paths = new Set<string>();
  for (const p of pages) {
    if (ids.has(p.id)) throw new Error(`two console pages have the id "${p.id}"`);
    if (paths.has(p.path)) throw new Error(`two console pages have the path "${p.path}"`);
    ids.add(p.id);
    paths.add(p.path);
  }
  // Fixed paths before parameterised ones, so `/models/new` would win over `/models/:name`.
  const rank = (p: PageDefinition) => p.path.split('/').filter((s) => s.startsWith(':')).length;
  return [...pages].sort((a, b) => rank(a) - rank(b));
}

export function navEntries(pages: readonly PageDefinition[]): Array<{ path: string; label: string }> {
  return pages
    .filter((p) => p.nav)
    .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0))
    .map((p) => ({ path: p.path, label: p.nav?.label ?? p.id }));
}
