import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { messageOf } from '../http';

/**
 * What a page shows from the server: the data, whether a request is under way, and why it failed.
 * The functions are stable (useCallback) and use no `this`: pass them on as they are (`onError={x.fail}`).
 */
export interface Load<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /**
   * Starts a request and clears the error; the data shown stays until the answer replaces it. Only
   * the latest request counts (a month or tab switched quickly): earlier answers are dropped.
   */
  load: (request: () => Promise<T>) => void;
  /** Shows a problem without a request (e.g. the person lacks the role), or anything thrown. */
  fail: (problem: unknown) => void;
  /** Changes the data held, e.g. after an action changed it on the server. */
  setData: Dispatch<SetStateAction<T | null>>;
}

/** The loading state pages had written out by hand (the action counterpart is useAction.ts). */
export function useLoad<T>(): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  const fail = useCallback((problem: unknown) => setError(typeof problem === 'string' ? problem : messageOf(problem)), []);

  const load = useCallback((request: () => Promise<T>) => {
    const n = ++latest.current;
    setError(null);
    setLoading(true);
    request().then(
      (d) => {
        if (n !== latest.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== latest.current) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
  }, []);

  return { data, error, loading, load, fail, setData };
}
