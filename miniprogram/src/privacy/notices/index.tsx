import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { NoticeStatus } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { PageError } from '../../shared/components/Message';
import { NoticeRow } from '../../shared/components/NoticeRow';
import { useLoad } from '../../shared/hooks/useLoad';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { Screen } from '../../shared/components/Screen';

/**
 * 提醒设置: every notice the person may get, on (with the sends left) or off, each with a button to
 * turn it on (WeChat's subscribe sheet). A refusal is shown with its time; nothing is sent while off.
 */
export default function NoticeSettings() {
  const notices = useLoad<NoticeStatus[]>();
  const load = () => notices.load(() => call('myNotices').then((r) => r.items));

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    load();
  });

  return (
    <Screen>
      <View className="card">
        <View className="title">提醒设置</View>
        <View className="subtitle" id="notices-intro">
          提醒通过微信订阅消息发送。微信规定：每同意一次，只能收到一条提醒；用完后可在这里再次开启。
          您拒绝或未开启的提醒，我们不会发送。
        </View>
      </View>
      <PageError message={notices.error} />
      {!notices.data && !notices.error && <View className="muted">正在加载…</View>}
      {notices.data?.map((n) => (
        <NoticeRow key={n.key} notice={n} onAnswered={load} />
      ))}
      {notices.error && (
        <Button light id="notices-retry" onClick={load}>
          重新加载
        </Button>
      )}
    </Screen>
  );
}
