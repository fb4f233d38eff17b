import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
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
      <View className="section-title">法律咨询服务</View>
      <View className="row wrap">
        <Figure id="consult-asked" label="受理咨询（件）" value={String(s.asked)} />
        <Figure id="consult-answered" label="已答复/已办结" value={`${s.answered}/${s.closed}`} />
        <Figure id="consult-ontime" label="按时办理率" value={share(s.onTimeRate)} />
        <Figure id="consult-overdue" label="超时（件）" value={String(s.overdue)} />
        <Figure
          id="consult-response"
          label="首次答复用时中位数（小时）"
          value={s.medianFirstResponseHours === null ? '—' : String(s.medianFirstResponseHours)}
        />
        <Figure id="consult-escalated" label="上报乡镇及县级（件）" value={String(s.escalated)} />
        <Figure id="consult-satisfaction" label={`满意率（${s.ratings} 条评价）`} value={share(s.satisfaction)} />
      </View>
      <View className="muted" id="consult-scores">
        服务态度 {score(s.attitude)} · 办事效率 {score(s.efficiency)} · 专业水平 {score(s.competence)}（满分5分）
      </View>
      {stats.byTownship
        .filter((t) => t.asked > 0)
        .map((t) => (
          <View key={t.code} className="list-item" id={`consult-township-${t.code}`}>
            <View className="row">
              <View className="grow">{t.name}</View>
              <View>
                {t.asked} 件 · 超时 {t.overdue} · 满意率 {share(t.satisfaction)}
              </View>
            </View>
          </View>
        ))}
    </View>
  );
}
