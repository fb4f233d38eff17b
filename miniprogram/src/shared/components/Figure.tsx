import { View } from '@tarojs/components';

/** One large figure with its label, two to a row (statistics pages). */
export function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className="figure">
      <View id={id} className="figure-value">
        {value}
      </View>
      <View className="muted">{label}</View>
    </View>
  );
}
