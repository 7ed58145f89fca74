import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Endpoints } from './api/endpoints.ts';
import { connectLive, type LiveClient, type ReadyFrame } from './live/live-client.ts';
import type { PageDefinition } from './pages/page-registry.ts';

const KEY = 'edgefleet.console.token';

/**
 * The token lives in sessionStorage (gone with the tab) unless the user ticks "keep me signed in",
 * then in localStorage. Either way it is sent only as a bearer header and in the live `auth` frame.
 */
export const tokenStore = {
  load(): string | null {
    return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
  },
  save(token: string, remember: boolean): void {
    this.clear();
    (remember ? localStorage : sessionStorage).setItem(KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  },
};

/**
 * Sign in = open the live feed and authenticate: its `ready` frame says the token is good and
 * which role it has, so viewer pages can disable what the API would refuse anyway.
 */
export function signIn(token: string, options: { timeoutMs?: number; onAuthFailed: (message: string) => void }): Promise<{ live: LiveClient; ready: ReadyFrame }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const live = connectLive({
      token,
      onAuthFailed: (message) => {
        if (settled) return options.onAuthFailed(message);
        settled = true;
        reject(new Error(message));
      },
    });
    const stop = live.onReady((ready) => {
      stop();
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ live, ready });
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      live.close();
      reject(new Error(`cannot reach the control plane's live feed at ${location.host}; is it running?`));
    }, options.timeoutMs ?? 10_000);
  });
}

export interface ConsoleSession {
  api: Endpoints;
  live: LiveClient;
  role: 'admin' | 'viewer';
  tokenId: string;
  /** Admins change things; viewers read. The API enforces it too (403). */
  canWrite: boolean;
  pages: readonly PageDefinition[];
  signOut(message?: string): void;
}

export const SessionContext = createContext<ConsoleSession | null>(null);

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** Why a control is disabled for viewers; shown next to it, referenced by aria-describedby. */
export const READ_ONLY_REASON = 'Read-only: viewer tokens can look at everything but change nothing. Sign in with an admin token to make changes.';
