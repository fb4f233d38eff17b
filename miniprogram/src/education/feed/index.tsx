import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ArticleItem } from '../components/ArticleItem';

/**
 * 普法栏目 (issue 17 item 2): the village's legal-education feed, its own, its township's and its
 * county's articles newest first, a page at a time (the server's cursor). The village is the
 * person's own, or `villageCode` for staff looking at a village's feed.
 */
export default function FeedPage() {
  const { t } = useTranslation('feed');
  const router = useRouter();
  const [villageCode, setVillageCode] = useState<string | null>(null);
  const [items, setItems] = useState<ArticleSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const action = useAction();

  function load(code: string, after: string | null) {
    void action.run(async () => {
      const page = await call('villageFeed', { params: { villageCode: code }, query: after ? { cursor: after } : {} });
      setItems((shown) => (after && shown ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    });
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const code = router.params.villageCode || session.user.village?.code || null;
    setVillageCode(code);
    if (code) load(code, null);
  });

  return (
    <Screen id="education-feed" title={t('feed.title')}>
      <View className="card">
        <View className="title">{t('feed.title')}</View>
        <View className="subtitle">{t('feed.intro')}</View>
      </View>
      <Feedback of={action} />
      {!villageCode && (
        <View className="muted" id="feed-no-village">
          {t('feed.noVillage')}
        </View>
      )}
      {villageCode && !items && !action.error && <View className="muted">{t('feed.loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="feed-empty">
          {t('feed.empty')}
        </View>
      )}
      {items?.map((item) => (
        <ArticleItem key={item.id} item={item} />
      ))}
      {items && items.length > 0 && villageCode && (
        <View className="my-xs">
          {cursor ? (
            <Button id="feed-more" light loading={action.busy} onClick={() => load(villageCode, cursor)}>
              {t('feed.more')}
            </Button>
          ) : (
            <View className="muted" id="feed-end">
              {t('feed.end')}
            </View>
          )}
        </View>
      )}
    </Screen>
  );
}
