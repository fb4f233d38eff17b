import { View } from '@tarojs/components';
import { asOfText } from '../services/format';
import { useTranslation } from 'react-i18next';

/**
 * Up to when a compliance report counts (docs/domain.md R2): service before the month's end (or
 * now, for the running month); the quarter and the year never count later months. Reviews and
 * late entries of the month still change it; a locked month's archive is its export.
 */
export function AsOfNote({ asOf }: { asOf: string | null | undefined }) {
  const { t } = useTranslation('ledger');
  const text = asOfText(asOf, (key, values) => t(key, values));
  if (!text) return null;
  return (
    <View className="muted" id="report-as-of">
      {t('asOf.note', { asOf: text })}
    </View>
  );
}
