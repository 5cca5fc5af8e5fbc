import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** Counts the loads: a key that redraws the page's forms from the new data. */
  generation: number;
  reload: () => void;
}

/**
 * Loads a page's data, again on reload(); the data shown stays until the new data is there.
 * An answer that comes after the page was left is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; generation: number }>({ data: undefined, error: null, generation: 0 });
  const [tick, setTick] = useState(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && live.current && setState((s) => ({ data, error: null, generation: s.generation + 1 })),
      (error: unknown) => current && live.current && setState((s) => ({ data: s.data, error, generation: s.generation + 1 })),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
