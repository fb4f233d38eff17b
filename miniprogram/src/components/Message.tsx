import { View } from '@tarojs/components';

/** A visible error or success line; tests look for #error-message / #ok-message. */
export function ErrorMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View id="error-message" className="error">
      {message}
    </View>
  );
}

export function OkMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View id="ok-message" className="ok">
      {message}
    </View>
  );
}
