import { View } from '@tarojs/components';

/** A visible error line; tests look for #error-message (the success line is in Feedback.tsx: #ok-message). */
export function ErrorMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View id="error-message" className="error">
      {message}
    </View>
  );
}
