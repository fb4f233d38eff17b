import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture } from '@vc/types';
import { formatBeijing } from '../../shared/time';

/** A lecture's when, where, for whom and by whom: the same lines in the list, the detail and the home card. */
export function LectureFacts({ lecture: l, id }: { lecture: Lecture; id?: string }) {
  const { t } = useTranslation('lectures');
  return (
    <View id={id}>
      <View className="item-title">{l.topic}</View>
      <View>{t('item.when', { when: formatBeijing(l.startAt, 'full'), minutes: l.durationMinutes })}</View>
      <View>{t('item.place', { place: l.place })}</View>
      <View className="muted">{t('item.audience', { audience: l.audience })}</View>
      <View className="muted">{t('item.counsel', { name: l.counselName })}</View>
    </View>
  );
}

/** The tags of a lecture's state: cancelled, moved, recorded in the ledger. */
export function LectureTags({ lecture: l }: { lecture: Lecture }) {
  const { t } = useTranslation('lectures');
  const tags = [
    l.status === 'cancelled' ? t('item.cancelled') : null,
    l.moved && l.status !== 'cancelled' ? t('item.moved') : null,
    l.ledgerEntryId ? t('item.recorded') : null,
  ].filter((x): x is string => Boolean(x));
  if (!tags.length) return null;
  return (
    <View className="row">
      {tags.map((tag) => (
        <View key={tag} className="tag">
          {tag}
        </View>
      ))}
    </View>
  );
}
