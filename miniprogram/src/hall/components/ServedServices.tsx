import { useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ServedService } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { formatBeijing } from '../../shared/time';
import { RateBox } from './RateBox';

/**
 * Services the counsel recorded with this villager named (issue 16 item 5, 服务一次、评价一次): each
 * rated once, here. Nothing is shown when there are none.
 */
export function ServedServices({ items, onRated }: { items: ServedService[]; onRated: (s: ServedService) => void }) {
  const { t } = useTranslation(['hall', 'labels']);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  if (items.length === 0) return null;
  return (
    <View id="hall-served">
      <View className="section-title">{t('served.title')}</View>
      {items.map((s) => (
        <View key={s.entryId} className="card" id={`served-${s.entryId}`}>
          <View className="bold">{t('served.heading', { kind: t(`labels:ledgerKind.${s.kind}`), counsel: s.counselName })}</View>
          <View className="muted">
            {s.villageName} · {formatBeijing(s.startAt, 'full')}
          </View>
          <View className="mt-s">{s.summary}</View>
          {s.rated ? (
            <View className="tag mt-s">{t('served.rated')}</View>
          ) : open === s.entryId ? (
            <RateBox
              prefix="served-rate"
              busy={action.busy}
              onInvalid={action.fail}
              onSubmit={(body) =>
                void action.run(
                  async () => {
                    onRated(await call('rateServedService', { params: { entryId: s.entryId }, body }));
                    setOpen(null);
                  },
                  { ok: t('thanksForRating') },
                )
              }
            />
          ) : (
            <Button light id={`served-rate-open-${s.entryId}`} onClick={() => setOpen(s.entryId)}>
              {t('served.rate')}
            </Button>
          )}
        </View>
      ))}
      <Feedback of={action} />
    </View>
  );
}
