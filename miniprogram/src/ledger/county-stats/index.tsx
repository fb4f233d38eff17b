import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import type { VillageCompliance } from '@vc/types';
import { call } from '../../shared/api';
import { useStaffMonth } from '../../shared/hooks/useStaffMonth';
import { Figure } from '../../shared/components/Figure';
import { PageError } from '../../shared/components/Message';
import { ConsultationStatsCard } from '../../consult/components/ConsultationStatsCard';
import { AsOfNote } from '../components/AsOfNote';
import { LedgerLocks } from '../components/LedgerLocks';
import { MissingTags } from '../components/MissingTags';
import { ComplianceTrend } from '../components/ComplianceTrend';
import { F2Chart } from '../components/F2Chart';
import { barChartHeight, townshipRateChart, villageHoursChart } from '../components/charts';
import { hours, pct } from '../services/format';
import { beijingDate } from '../../shared/time';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';

function VillageRow({ v, targetMinutes }: { v: VillageCompliance; targetMinutes: number }) {
  const { t } = useTranslation('ledger');
  return (
    <View className="list-item" id={`village-stat-${v.code}`}>
      <View className="row">
        <View className="grow bold">{v.name}</View>
        <View className={v.compliant ? 'ok' : 'tag'} id={`village-compliant-${v.code}`}>
          {v.compliant ? t('compliant') : t('notCompliant')}
        </View>
      </View>
      <View className="muted" id={`village-hours-${v.code}`}>
        {t('villageLine', {
          done: hours(v.onSiteMinutes),
          target: hours(targetMinutes),
          lectures: v.lectures,
          entries: v.entries,
        })}
      </View>
      <MissingTags id={`village-missing-${v.code}`} items={v.missing} />
    </View>
  );
}

export default function CountyStats() {
  const { t } = useTranslation('ledger');
  const [township, setTownship] = useState<string | null>(null);
  const compliance = useStaffMonth('county_staff', (code, m) =>
    call('countyCompliance', { params: { countyCode: code }, query: { month: m } }).then((r) => {
      // keep the township picked when it is still there
      setTownship((picked) => (picked && r.townships.some((x) => x.code === picked) ? picked : (r.townships[0]?.code ?? null)));
      return r;
    }),
  );
  const { data, error, loading, place, month, pickMonth } = compliance;
  const countyCode = place?.code ?? null;
  const countyName = place?.name ?? '';

  const targetMinutes = Math.round((data?.targets.minOnSiteHoursPerMonth ?? 0) * 60);
  const villages = data ? data.villages.filter((v) => v.townshipCode === township) : [];
  const townshipName = data?.townships.find((x) => x.code === township)?.name ?? '';

  return (
    <Screen title={t('countyStats.title')}>
      <View className="card">
        <View className="title">{t('countyStats.title')}</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <Picker mode="date" fields="month" value={month} end={beijingDate()} onChange={(e) => pickMonth(String(e.detail.value))}>
          <View className="input input-line mt-s" id="stats-month">
            {t('statsMonth', { month })}
          </View>
        </Picker>
      </View>
      <PageError message={error} />
      {loading && !data && (
        <View className="muted" id="loading">
          {t('loading')}
        </View>
      )}
      {data && (
        <View>
          <View className="card" id="stats-summary">
            <View className="section-title">{t('countyStats.summary')}</View>
            <View className="row wrap">
              <Figure id="compliance-rate" label={t('countyStats.rate')} value={pct(data.summary.rate)} />
              <Figure
                id="compliance-count"
                label={t('countyStats.count')}
                value={`${data.summary.compliant}/${data.summary.villages}`}
              />
              <Figure
                id="onsite-hours"
                label={t('countyStats.onSiteHours')}
                value={String(Math.round(data.summary.onSiteHours * 10) / 10)}
              />
              <Figure id="lecture-count" label={t('countyStats.lectures')} value={String(data.summary.lectures)} />
            </View>
            <View className="muted">
              {t('standard', {
                hoursPerMonth: data.targets.minOnSiteHoursPerMonth,
                lecturesPerQuarter: data.targets.minLecturesPerQuarter,
                hoursPerYear: data.targets.minHoursPerYear,
              })}
            </View>
            <AsOfNote asOf={data.asOf} />
          </View>

          {countyCode && <ConsultationStatsCard countyCode={countyCode} month={month} onError={compliance.fail} />}

          <ComplianceTrend countyCode={countyCode ?? ''} month={month} current={data.summary} onError={compliance.fail} />

          <View className="card" id="township-chart">
            <View className="section-title">{t('countyStats.townshipRates')}</View>
            {data.townships.length === 0 && <View className="muted">{t('countyStats.noData')}</View>}
            {data.townships.length > 0 && (
              <F2Chart
                id="township-canvas"
                height={barChartHeight(data.townships.length)}
                label={t('countyStats.townshipRatesLabel', {
                  list: data.townships.map((x) => `${x.name} ${pct(x.rate)}`).join(t('listSeparator')),
                })}
                dataKey={`${data.month}|${data.townships.map((t) => `${t.code}:${t.rate}`).join()}`}
                chart={() => townshipRateChart(data.townships)}
              />
            )}
            <View className="muted">{t('countyStats.pickTownship')}</View>
            {data.townships.map((t) => (
              <View
                key={t.code}
                id={`township-${t.code}`}
                hoverClass="btn-hover"
                onClick={() => setTownship(t.code)}
                className={t.code === township ? 'township-option township-option-on' : 'township-option'}
              >
                <View className="row">
                  <View className="grow">{t.name}</View>
                  <View id={`township-rate-${t.code}`}>
                    {pct(t.rate)}（{t.compliant}/{t.villages}）
                  </View>
                </View>
              </View>
            ))}
          </View>

          {township && (
            <View className="card" id="village-chart">
              <View className="section-title">{t('countyStats.villageHours', { township: townshipName })}</View>
              <View className="muted">{t('countyStats.dashed', { hours: hours(targetMinutes) })}</View>
              {villages.length === 0 && <View className="muted">{t('countyStats.noVillages')}</View>}
              {villages.length > 0 && (
                <F2Chart
                  id="village-canvas"
                  height={barChartHeight(villages.length)}
                  label={t('countyStats.villageHoursLabel', {
                    township: townshipName,
                    list: villages.map((v) => `${v.name} ${hours(v.onSiteMinutes)}`).join(t('listSeparator')),
                  })}
                  dataKey={`${data.month}|${targetMinutes}|${villages.map((v) => `${v.code}:${v.onSiteMinutes}`).join()}`}
                  chart={() => villageHoursChart(villages, targetMinutes / 60)}
                />
              )}
              {villages.map((v) => (
                <VillageRow key={v.code} v={v} targetMinutes={targetMinutes} />
              ))}
            </View>
          )}
          {township && <LedgerLocks townshipCode={township} onError={compliance.fail} />}
        </View>
      )}
    </Screen>
  );
}
