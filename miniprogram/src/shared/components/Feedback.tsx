import { View } from '@tarojs/components';
import type { Action } from '../hooks/useAction';
import { ErrorMessage } from './Message';

/** A visible success line; tests look for #ok-message. */
export function OkMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View id="ok-message" className="ok">
      {message}
    </View>
  );
}

/**
 * The error and success lines of a page's action (shared/hooks/useAction.ts). A module of its own:
 * only subpackage pages report successes, so it stays out of the main package.
 */
export function Feedback({ of }: { of: Pick<Action, 'error' | 'ok'> }) {
  return (
    <>
      <ErrorMessage message={of.error} />
      <OkMessage message={of.ok} />
    </>
  );
}
