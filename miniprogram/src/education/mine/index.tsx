import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ArticleItem } from '../components/ArticleItem';

/** 我发布的普法文章 (issue 17 item 2): newest first, withdrawn ones too, each with how many people read it. */
export default function MinePage() {
  const { t } = useTranslation('feed');
  const [items, setItems] = useState<ArticleSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const action = useAction();

  function load(after: string | null) {
    void action.run(async () => {
      const page = await call('myArticles', { query: after ? { cursor: after } : {} });
      setItems((shown) => (after && shown ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    });
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    load(null);
  });

  return (
    <Screen id="education-mine" title={t('mine.title')}>
      <View className="card">
        <View className="title">{t('mine.title')}</View>
        <Button id="goto-publish" onClick={() => goto('educationPublish')}>
          {t('mine.publish')}
        </Button>
      </View>
      <Feedback of={action} />
      {items && items.length === 0 && (
        <View className="muted" id="mine-empty">
          {t('mine.empty')}
        </View>
      )}
      {items?.map((item) => (
        <ArticleItem key={item.id} item={item} />
      ))}
      {cursor && (
        <Button id="mine-more" light loading={action.busy} onClick={() => load(cursor)}>
          {t('feed.more')}
        </Button>
      )}
    </Screen>
  );
}
