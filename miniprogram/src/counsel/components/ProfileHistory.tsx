import { View } from '@tarojs/components';
import type { CounselProfileChange } from '@vc/types';
import { formatBeijing } from '../../shared/time';
import { useTranslation } from 'react-i18next';

/** Every recorded change of a profile, newest first: who, when, each field before → after. */
export function ProfileHistory({ items }: { items: CounselProfileChange[] }) {
  const { t } = useTranslation('counsel');
  if (items.length === 0) return <View className="muted">{t('history.empty')}</View>;
  return (
    <View id="profile-history">
      {items.map((c, i) => (
        <View key={`${c.at}-${i}`} id={`profile-change-${i}`} className="list-item">
          <View className="row">
            <View className="grow">
              {c.byName}
              {c.by === 'county' ? t('history.byCounty') : t('history.bySelf')} · {t(`history.via.${c.via}`)}
            </View>
            <View className="muted">{formatBeijing(c.at, 'full')}</View>
          </View>
          {c.changes.map((f) => (
            <View key={f.field} className="subtitle">
              {t('history.change', { label: f.label, before: f.before, after: f.after })}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
