import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary } from '@vc/types';
import { goto } from '../../shared/nav';
import { formatBeijing } from '../../shared/time';

/** One article in a list: title, category, where it was published to, by whom and when; reads where the reader may see them. */
export function ArticleItem({ item }: { item: ArticleSummary }) {
  const { t } = useTranslation('feed');
  const { t: label } = useTranslation('labels');
  return (
    <View
      className="list-item"
      id={`article-${item.id}`}
      role="link"
      onClick={() => goto('educationArticle', { articleId: item.id })}
    >
      <View className="bold">{item.title}</View>
      <View>
        <View className="tag">{label(`articleCategory.${item.category}`)}</View>
        <View className="tag">{item.scope.name}</View>
        {item.status === 'withdrawn' && <View className="tag">{t('item.withdrawn')}</View>}
      </View>
      <View className="muted">{item.excerpt}</View>
      <View className="muted">
        {t('item.by', { name: item.publisherName, when: formatBeijing(item.publishedAt, 'short') })}
        {item.photoCount > 0 ? ` · ${t('item.photos', { n: item.photoCount })}` : ''}
      </View>
      {item.reads !== null && (
        <View className="bold" id={`article-reads-${item.id}`}>
          {t('item.reads', { n: item.reads })}
        </View>
      )}
    </View>
  );
}
