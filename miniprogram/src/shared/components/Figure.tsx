import { View } from '@tarojs/components';

/** One large figure with its label, two to a row (statistics pages). */
export function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View style={{ width: '50%', padding: '8px 0' }}>
      <View id={id} className="title" style={{ fontSize: '22px', color: '#b3261e' }}>
        {value}
      </View>
      <View className="muted">{label}</View>
    </View>
  );
}
