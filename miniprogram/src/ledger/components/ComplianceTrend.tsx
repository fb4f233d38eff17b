import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { ComplianceSummary } from '@vc/types';
import { call } from '../../shared/api';
import { pct } from '../services/format';
import { trendChart, type TrendPoint } from './charts';
import { F2Chart } from './F2Chart';
import { useTranslation } from 'react-i18next';

/** How many months the trend shows, the picked one included. */
export const TREND_MONTHS = 6;

/** "YYYY-MM" n months before `month` (n ≥ 0). */
export function monthBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface Props {
  countyCode: string;
  /** "YYYY-MM": the last month of the trend */
  month: string;
  /** that month's figures, already loaded by the page */
  current: ComplianceSummary;
  /** a failed load: the page shows the message (a stable function) */
  onError: (e: unknown) => void;
}

interface Row extends TrendPoint {
  compliant: number;
  villages: number;
}

/**
 * The county's compliance rate over the last six months: a line chart and the same figures as text.
 * The earlier months come from the county compliance report of each month (five requests after the
 * page's own; the server reads its monthly rollups, not the ledger).
 */
export function ComplianceTrend({ countyCode, month, current, onError }: Props) {
  const { t } = useTranslation('ledger');
  const [earlier, setEarlier] = useState<Row[] | null>(null);

  useEffect(() => {
    let live = true;
    setEarlier(null);
    const months = Array.from({ length: TREND_MONTHS - 1 }, (_, i) => monthBefore(month, TREND_MONTHS - 1 - i));
    Promise.all(
      months.map((m) =>
        call('countyCompliance', { params: { countyCode }, query: { month: m } }).then((r) => ({
          month: m,
          rate: r.summary.rate,
          compliant: r.summary.compliant,
          villages: r.summary.villages,
        })),
      ),
    )
      .then((rows) => live && setEarlier(rows))
      .catch((e) => live && onError(e));
    return () => {
      live = false;
    };
  }, [countyCode, month, onError]);

  if (!earlier) return null;
  const rows: Row[] = [...earlier, { month, rate: current.rate, compliant: current.compliant, villages: current.villages }];
  return (
    <View className="card" id="trend-chart">
      <View className="section-title">{t('trend.title')}</View>
      <F2Chart
        id="trend-canvas"
        height={200}
        label={t('trend.label', { list: rows.map((r) => `${r.month} ${pct(r.rate)}`).join(t('listSeparator')) })}
        dataKey={rows.map((r) => `${r.month}:${r.rate}`).join()}
        chart={() => trendChart(rows)}
      />
      {rows.map((r) => (
        <View key={r.month} className="row" id={`trend-${r.month}`}>
          <View className="grow">{r.month}</View>
          <View id={`trend-rate-${r.month}`}>
            {pct(r.rate)}（{r.compliant}/{r.villages}）
          </View>
        </View>
      ))}
    </View>
  );
}
