import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ConsultationStatsReply } from '@vc/types';
import { call } from '../../shared/api';
import { Figure } from '../../shared/components/Figure';

const share = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const score = (x: number | null) => (x === null ? '—' : x.toFixed(1));

interface Props {
  countyCode: string;
  /** "YYYY-MM" */
  month: string;
  /** a failed load: the page shows the message (a stable function, e.g. a useLoad's fail: a new one reloads) */
  onError: (e: unknown) => void;
}

/**
 * A county's consultations of a month (R10 evaluation figures): served, on time, satisfaction, and
 * per township. Loads them itself; shown on the county's statistics page next to the ledger compliance.
 */
export function ConsultationStatsCard({ countyCode, month, onError }: Props) {
  const { t } = useTranslation('consult');
  const [stats, setStats] = useState<ConsultationStatsReply | null>(null);

  useEffect(() => {
    let current = true;
    call('consultationStats', { params: { countyCode }, query: { month } })
      .then((r) => current && setStats(r))
      .catch((e) => current && onError(e));
    return () => {
      current = false;
    };
  }, [countyCode, month, onError]);

  if (!stats) return null;
  const s = stats.summary;
  return (
    <View className="card" id="consultation-stats">
      <View className="section-title">{t('stats.title')}</View>
      <View className="row wrap">
        <Figure id="consult-asked" label={t('stats.asked')} value={String(s.asked)} />
        <Figure id="consult-answered" label={t('stats.answered')} value={`${s.answered}/${s.closed}`} />
        <Figure id="consult-ontime" label={t('stats.onTime')} value={share(s.onTimeRate)} />
        <Figure id="consult-overdue" label={t('stats.overdue')} value={String(s.overdue)} />
        <Figure
          id="consult-response"
          label={t('stats.response')}
          value={s.medianFirstResponseHours === null ? '—' : String(s.medianFirstResponseHours)}
        />
        <Figure id="consult-escalated" label={t('stats.escalated')} value={String(s.escalated)} />
        <Figure id="consult-satisfaction" label={t('stats.satisfaction', { n: s.ratings })} value={share(s.satisfaction)} />
      </View>
      <View className="muted" id="consult-scores">
        {t('stats.scores', {
          attitude: score(s.attitude),
          efficiency: score(s.efficiency),
          competence: score(s.competence),
        })}
      </View>
      {stats.byTownship
        .filter((tw) => tw.asked > 0)
        .map((tw) => (
          <View key={tw.code} className="list-item" id={`consult-township-${tw.code}`}>
            <View className="row">
              <View className="grow">{tw.name}</View>
              <View>{t('stats.township', { asked: tw.asked, overdue: tw.overdue, satisfaction: share(tw.satisfaction) })}</View>
            </View>
          </View>
        ))}
    </View>
  );
}
