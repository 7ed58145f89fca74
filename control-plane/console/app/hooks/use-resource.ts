import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LiveChange } from '../protocol.ts';
import { useSession } from '../session.ts';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer (later refetches keep showing the previous data). */
  loading: boolean;
  reload(): void;
}

export interface ResourceOptions {
  /** Refetch when a change on one of these topics arrives (and after every live reconnect). */
  topics?: readonly string[];
  /** Narrow further: refetch only for changes this returns true for. */
  when?: (change: LiveChange) => boolean;
  /** Bursts (a device reporting, an apply of many documents) become one refetch. */
  debounceMs?: number;
  /**
   * Longest a refetch waits while changes keep coming (default 2 s): a fleet streaming summaries
   * never pauses long enough for the debounce alone, and the page would never update.
   */
  maxWaitMs?: number;
}

export interface PatchingOptions<T> extends ResourceOptions {
  /**
   * Apply a change to the loaded data without a request (a presence flip carries all it needs);
   * return undefined to refetch instead.
   */
  patch?: (data: T, change: LiveChange) => T | undefined;
}

/**
 * Load data for a page and keep it current: fetch when `deps` change, refetch (debounced) when the
 * live feed announces a matching change or reconnects. Stale answers are ignored, so a slow reply
 * to an old filter cannot overwrite a newer one.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], options: PatchingOptions<T> = {}): Resource<T> {
  const { live } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** The data as last rendered, so a patch works on the current value synchronously. */
  const dataRef = useRef<T | undefined>(undefined);
  dataRef.current = state.data;
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const inFlight = useRef(false);

  const run = useCallback(() => {
    const mine = ++generation.current;
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    inFlight.current = true;
    const settle = () => { if (mine === generation.current) inFlight.current = false; };
    loadRef.current(ctrl.signal).then(
      (data) => {
        settle();
        if (mine === generation.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        settle();
        if (mine !== generation.current || (error as Error)?.name === 'AbortError') return;
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
  }, []);

  // Refetch when the caller's own dependency list changes (a filter, an id), as with useEffect.
  useEffect(() => {
    setState((s) => ({ ...s, loading: s.data === undefined }));
    run();
  }, deps);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstAt = 0;
    const schedule = () => {
      const now = Date.now();
      if (timer === undefined) firstAt = now;
      clearTimeout(timer);
      const { debounceMs = 120, maxWaitMs = 2000 } = optionsRef.current;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - now)));
    };
    const offChange = live.onChange((change) => {
      const { topics, when, patch } = optionsRef.current;
      if (!topics || !topics.includes(change.topic)) return;
      if (when && !when(change)) return;
      const current = dataRef.current;
      const next = patch && current !== undefined ? patch(current, change) : undefined;
      if (next === undefined) return schedule();
      dataRef.current = next;
      setState((s) => ({ ...s, data: next }));
      // A fetch already under way may answer with the state from before this change: fetch again.
      if (inFlight.current) schedule();
    });
    const offReady = live.onReady(schedule);
    return () => {
      clearTimeout(timer);
      offChange();
      offReady();
      controller.current?.abort();
    };
  }, [live, run]);

  return { ...state, reload: run };
}

/** Re-render every `ms` so "12 s ago" stays true without refetching anything. */
export function useTicker(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Run an action (a form submit) with its busy flag, error and result message. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<string | void>) {
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string | undefined }>({ busy: false, error: undefined, done: undefined });
  const run = useCallback(async (...args: A) => {
    setState({ busy: true, error: undefined, done: undefined });
    try {
      const done = await action(...args);
      setState({ busy: false, error: undefined, done: done ?? undefined });
      return true;
    } catch (error) {
      setState({ busy: false, error, done: undefined });
      return false;
    }
  }, [action]);
  const reset = useCallback(() => setState({ busy: false, error: undefined, done: undefined }), []);
  return { ...state, run, reset };
}
