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

function VillageRow({ v, targetMinutes }: { v: VillageCompliance; targetMinutes: number }) {
  return (
    <View className="list-item" id={`village-stat-${v.code}`}>
      <View className="row">
        <View className="grow bold">{v.name}</View>
        <View className={v.compliant ? 'ok' : 'tag'} id={`village-compliant-${v.code}`}>
          {v.compliant ? '达标' : '未达标'}
        </View>
      </View>
      <View className="muted" id={`village-hours-${v.code}`}>
        本月驻点 {hours(v.onSiteMinutes)} / {hours(targetMinutes)} 小时 · 讲座 {v.lectures} 次 · 台账 {v.entries} 条
      </View>
      <MissingTags id={`village-missing-${v.code}`} items={v.missing} />
    </View>
  );
}

export default function CountyStats() {
  const [township, setTownship] = useState<string | null>(null);
  const compliance = useStaffMonth('county_staff', (code, m) =>
    call('countyCompliance', { params: { countyCode: code }, query: { month: m } }).then((r) => {
      // keep the township picked when it is still there
      setTownship((t) => (t && r.townships.some((x) => x.code === t) ? t : (r.townships[0]?.code ?? null)));
      return r;
    }),
  );
  const { data, error, loading, place, month, pickMonth } = compliance;
  const countyCode = place?.code ?? null;
  const countyName = place?.name ?? '';

  const targetMinutes = Math.round((data?.targets.minOnSiteHoursPerMonth ?? 0) * 60);
  const villages = data ? data.villages.filter((v) => v.townshipCode === township) : [];
  const townshipName = data?.townships.find((t) => t.code === township)?.name ?? '';

  return (
    <Screen>
      <View className="card">
        <View className="title">达标统计</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <Picker mode="date" fields="month" value={month} end={beijingDate()} onChange={(e) => pickMonth(String(e.detail.value))}>
          <View className="input input-line mt-s" id="stats-month">
            统计月份：{month}
          </View>
        </Picker>
      </View>
      <PageError message={error} />
      {loading && !data && (
        <View className="muted" id="loading">
          正在加载…
        </View>
      )}
      {data && (
        <View>
          <View className="card" id="stats-summary">
            <View className="section-title">总体情况</View>
            <View className="row wrap">
              <Figure id="compliance-rate" label="达标率" value={pct(data.summary.rate)} />
              <Figure
                id="compliance-count"
                label="达标村数/总村数"
                value={`${data.summary.compliant}/${data.summary.villages}`}
              />
              <Figure
                id="onsite-hours"
                label="驻点总时长（小时）"
                value={String(Math.round(data.summary.onSiteHours * 10) / 10)}
              />
              <Figure id="lecture-count" label="讲座次数（本季度）" value={String(data.summary.lectures)} />
            </View>
            <View className="muted">
              标准：每村每月驻点 {data.targets.minOnSiteHoursPerMonth} 小时，每季度讲座 {data.targets.minLecturesPerQuarter}{' '}
              次，每年服务 {data.targets.minHoursPerYear} 小时
            </View>
            <AsOfNote asOf={data.asOf} />
          </View>

          {countyCode && <ConsultationStatsCard countyCode={countyCode} month={month} onError={compliance.fail} />}

          <ComplianceTrend countyCode={countyCode ?? ''} month={month} current={data.summary} onError={compliance.fail} />

          <View className="card" id="township-chart">
            <View className="section-title">各乡镇达标率</View>
            {data.townships.length === 0 && <View className="muted">暂无数据</View>}
            {data.townships.length > 0 && (
              <F2Chart
                id="township-canvas"
                height={barChartHeight(data.townships.length)}
                label={`各乡镇达标率：${data.townships.map((t) => `${t.name} ${pct(t.rate)}`).join('，')}`}
                dataKey={`${data.month}|${data.townships.map((t) => `${t.code}:${t.rate}`).join()}`}
                chart={() => townshipRateChart(data.townships)}
              />
            )}
            <View className="muted">点乡镇查看各村情况</View>
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
              <View className="section-title">{townshipName} 各村驻点时长</View>
              <View className="muted">虚线为每月驻点标准（{hours(targetMinutes)} 小时）</View>
              {villages.length === 0 && <View className="muted">该乡镇暂无村（社区）</View>}
              {villages.length > 0 && (
                <F2Chart
                  id="village-canvas"
                  height={barChartHeight(villages.length)}
                  label={`${townshipName}各村本月驻点小时：${villages.map((v) => `${v.name} ${hours(v.onSiteMinutes)}`).join('，')}`}
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
