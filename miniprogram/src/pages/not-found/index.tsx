import { View } from '@tarojs/components';
import { Button } from '../../shared/components/Button';
import { goto } from '../../shared/nav';
import { Screen } from '../../shared/components/Screen';

/**
 * Where an address that does not exist lands (app.ts usePageNotFound: an old link, a mistyped
 * address on H5): it says so and leads home or to 办事, never a blank or the previous page.
 */
export default function NotFound() {
  return (
    <Screen>
      <View className="card" id="not-found">
        <View className="title">页面不存在</View>
        <View>您打开的链接已失效或地址有误。可以回到首页，或在“办事”中找到要办的事。</View>
      </View>
      <Button id="not-found-home" onClick={() => goto('index')}>
        回到首页
      </Button>
      <Button light id="not-found-work" onClick={() => goto('work')}>
        去办事
      </Button>
    </Screen>
  );
}
