import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { messageOf } from '../http';

export interface RunOptions<T> {
  /** the success message shown on the page (#ok-message), fixed or made from the result (null: none) */
  ok?: string | ((result: T) => string | null);
  /** a short toast on success, for when the page is left at once (weapp shows 7 characters with an icon) */
  toast?: string;
  /** the message for a failure when not the error's own: undefined = the error's own, null = none (the page shows it otherwise) */
  failure?: (e: unknown) => string | null | undefined;
  /** after a failure's message is shown, e.g. to reload what may be done now */
  onError?: (e: unknown) => void;
  /** ask first (an action that cannot be undone): nothing runs unless the person confirms */
  confirm?: Confirmation;
}

/** What a confirmation dialog says: what will happen, in plain words, and the button that does it. */
export interface Confirmation {
  title: string;
  content: string;
  /** the confirming button's text, by default 确定 */
  confirmText?: string;
}

/**
 * What a page does with its server calls: one at a time, a busy flag, and one error or success line.
 * The functions are stable (useCallback) and use no `this`: pass them on as they are (`.catch(action.fail)`).
 */
export interface Action {
  /** a run() is under way: buttons are disabled and further runs are ignored */
  busy: boolean;
  error: string | null;
  ok: string | null;
  /**
   * Clears both messages, runs the task with busy set, then shows the success message or the
   * failure's Chinese message (messageOf). Resolves with the task's result, undefined on failure or
   * when another run is still under way.
   */
  run: <T>(task: () => Promise<T>, options?: RunOptions<T>) => Promise<T | undefined>;
  /** Shows a problem: a Chinese message (checked on the phone, nothing sent) or anything thrown. */
  fail: (problem: unknown) => void;
  /** Shows a success message without a run (e.g. a step done on the phone). */
  succeed: (message: string | null) => void;
  /** Clears both messages. */
  clear: () => void;
  /** Clears the success message only (the toast has gone). */
  clearOk: () => void;
  /** the confirmation being asked (RunOptions.confirm), shown by <Feedback> until answered */
  asking: Confirmation | null;
  /** The person's answer to `asking`: yes runs the task, no drops it. */
  answer: (yes: boolean) => void;
}

/**
 * The busy / error / success state every page with actions had written out by hand, and the
 * confirmation asked before an irreversible one. Render them with <Feedback of={action} />
 * (shared/components/Feedback.tsx: a toast, an error dialog and the confirmation dialog).
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const answered = useRef<((yes: boolean) => void) | null>(null);
  // the state is stale inside one tick: a second tap before the re-render must still be ignored
  const running = useRef(false);

  const show = useCallback((e: string | null, o: string | null) => {
    setError(e);
    setOk(o);
  }, []);
  const fail = useCallback((problem: unknown) => show(typeof problem === 'string' ? problem : messageOf(problem), null), [show]);
  const succeed = useCallback((message: string | null) => show(null, message), [show]);
  const clear = useCallback(() => show(null, null), [show]);
  const clearOk = useCallback(() => setOk(null), []);
  const answer = useCallback((yes: boolean) => {
    const resolve = answered.current;
    answered.current = null;
    setAsking(null);
    if (resolve) resolve(yes);
  }, []);
  const ask = useCallback((question: Confirmation | undefined): Promise<boolean> => {
    if (!question) return Promise.resolve(true);
    setAsking(question);
    return new Promise<boolean>((resolve) => {
      answered.current = resolve;
    });
  }, []);

  // promise chains rather than async/await: this hook is in the main package, and async code
  // compiles to regenerator state machines
  const run = useCallback(
    <T>(task: () => Promise<T>, options: RunOptions<T> = {}): Promise<T | undefined> => {
      if (running.current) return Promise.resolve(undefined);
      running.current = true;
      show(null, null);
      const done = () => {
        running.current = false;
        setBusy(false);
      };
      return ask(options.confirm).then((yes) => {
        if (!yes) {
          running.current = false;
          return undefined;
        }
        setBusy(true);
        return Promise.resolve()
          .then(task)
          .then(
            (result) => {
              done();
              const message = typeof options.ok === 'function' ? options.ok(result) : options.ok;
              if (message) setOk(message);
              if (options.toast) Taro.showToast({ title: options.toast, icon: 'success' }).catch(() => undefined);
              return result;
            },
            (e: unknown) => {
              done();
              const message = options.failure ? options.failure(e) : undefined;
              setError(message === undefined ? messageOf(e) : message);
              if (options.onError) options.onError(e);
              return undefined;
            },
          );
      });
    },
    [show, ask],
  );

  return { busy, error, ok, run, fail, succeed, clear, clearOk, asking, answer };
}
