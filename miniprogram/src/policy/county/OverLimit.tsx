import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CounselListItem, OverLimitCounsel } from '@vc/types';
import { Button } from '../../shared/components/Button';

/** The counsel a new limit would leave over it, from the county's counsel list, most villages first. */
export function overLimitOf(counsel: readonly CounselListItem[], limit: number): OverLimitCounsel[] {
  return counsel
    .filter((c) => c.villages.length > limit)
    .map((c) => ({ counselId: c.id, name: c.name, villagesServed: c.villages.length, limit }))
    .sort((a, b) => b.villagesServed - a.villagesServed);
}

/**
 * Before saving a lowered limit that leaves counsel over it: who, what happens to them, and an
 * explicit confirmation (the server refuses the change without it, 409 COUNSEL_OVER_NEW_LIMIT).
 */
export function OverLimitWarning(props: {
  limit: number;
  counsel: readonly OverLimitCounsel[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { limit, counsel, busy, onConfirm, onCancel } = props;
  const { t } = useTranslation('policy');
  return (
    <View id="over-limit-warning" className="mt-l">
      <View className="error">{t('overLimit.warning', { limit, n: counsel.length })}</View>
      {counsel.map((c) => (
        <View key={c.counselId} id={`over-warning-${c.counselId}`} className="list-item row">
          <View className="grow">{c.name}</View>
          <View className="tag">{t('overLimit.served', { served: c.villagesServed, limit })}</View>
        </View>
      ))}
      <View className="muted my-m">{t('overLimit.consequence', { limit })}</View>
      <Button id="policy-confirm-over-limit" disabled={busy} onClick={onConfirm}>
        {busy ? t('overLimit.saving') : t('overLimit.confirm')}
      </Button>
      <Button light id="policy-cancel-over-limit" disabled={busy} onClick={onCancel}>
        {t('overLimit.cancel')}
      </Button>
    </View>
  );
}

/** After saving (and whenever the page opens): the counsel over the limit in force, so staff can act. */
export function OverLimitList(props: { counsel: readonly OverLimitCounsel[]; onAssign: () => void }) {
  const { counsel, onAssign } = props;
  const { t } = useTranslation('policy');
  if (!counsel.length) return null;
  return (
    <View className="card" id="over-limit-list">
      <View className="section-title">{t('overLimit.listTitle', { n: counsel.length })}</View>
      {counsel.map((c) => (
        <View key={c.counselId} id={`over-limit-${c.counselId}`} className="list-item">
          <View className="row">
            <View className="grow">{c.name}</View>
            <View className="tag">{t('overLimit.served', { served: c.villagesServed, limit: c.limit })}</View>
          </View>
          <View className="muted">{t('overLimit.plan')}</View>
        </View>
      ))}
      <Button light id="over-limit-assign" onClick={onAssign}>
        {t('overLimit.assign')}
      </Button>
    </View>
  );
}
