import { View } from '@tarojs/components';

/** What a village still lacks this period, as tags; nothing when it lacks nothing. */
export function MissingTags({ id, items }: { id: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <View id={id}>
      {items.map((m) => (
        <View key={m} className="tag">
          {m}
        </View>
      ))}
    </View>
  );
}
