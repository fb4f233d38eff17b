import { View } from '@tarojs/components';

// placeholder, replaced by the page itself
export default function Page() {
  return <View className="card">法律咨询</View>;
}
