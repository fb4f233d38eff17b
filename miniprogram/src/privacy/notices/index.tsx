import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('privacy');
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
    <Screen title={t('notices.title')}>
      <View className="card">
        <View className="title">{t('notices.title')}</View>
        <View className="subtitle" id="notices-intro">
          {t('notices.intro')}
        </View>
      </View>
      <PageError message={notices.error} />
      {!notices.data && !notices.error && <View className="muted">{t('loading')}</View>}
      {notices.data?.map((n) => (
        <NoticeRow key={n.key} notice={n} onAnswered={load} />
      ))}
      {notices.error && (
        <Button light id="notices-retry" onClick={load}>
          {t('notices.retry')}
        </Button>
      )}
    </Screen>
  );
}
