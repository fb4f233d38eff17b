import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import type { VillageCompliance } from '@vc/types';
import { call } from '../../shared/api';
import { useStaffMonth } from '../../shared/hooks/useStaffMonth';
import { Figure } from '../../shared/components/Figure';
import { ErrorMessage } from '../../shared/components/Message';
import { ConsultationStatsCard } from '../../consult/components/ConsultationStatsCard';
import { AsOfNote } from '../components/AsOfNote';
import { MissingTags } from '../components/MissingTags';
import { hours, pct } from '../services/format';
import { beijingDate } from '../../shared/time';
import { Screen } from '../../shared/components/Screen';

const GREEN = '#2e7d32';
const RED = '#b3261e';

/** A horizontal bar drawn with plain Views; `marker` draws a target line (percent of the track). */
function HBar(props: { id?: string; percent: number; color: string; marker?: number; height?: number }) {
  const { id, percent, color, marker, height = 14 } = props;
  const w = Math.max(0, Math.min(100, percent));
  return (
    <View
      id={id}
      style={{
        position: 'relative',
        background: '#eee',
        height: `${height}px`,
        borderRadius: `${height / 2}px`,
        margin: '4px 0',
      }}
    >
      <View style={{ width: `${w}%`, height: `${height}px`, borderRadius: `${height / 2}px`, background: color }} />
      {marker !== undefined && (
        <View
          style={{
            position: 'absolute',
            left: `${Math.max(0, Math.min(100, marker))}%`,
            top: '-3px',
            width: '2px',
            height: `${height + 6}px`,
            background: '#333',
          }}
        />
      )}
    </View>
  );
}

function VillageRow({ v, targetMinutes }: { v: VillageCompliance; targetMinutes: number }) {
  // the track shows up to 1.5× the target so villages over the target still show the target line
  const scale = Math.max(targetMinutes * 1.5, v.onSiteMinutes, 1);
  return (
    <View className="list-item" id={`village-stat-${v.code}`}>
      <View className="row">
        <View className="grow" style={{ fontWeight: 'bold' }}>
          {v.name}
        </View>
        <View className={v.compliant ? 'ok' : 'tag'} id={`village-compliant-${v.code}`}>
          {v.compliant ? '达标' : '未达标'}
        </View>
      </View>
      <View className="muted" id={`village-hours-${v.code}`}>
        本月驻点 {hours(v.onSiteMinutes)} / {hours(targetMinutes)} 小时 · 讲座 {v.lectures} 次 · 台账 {v.entries} 条
      </View>
      <HBar
        id={`village-bar-${v.code}`}
        percent={(v.onSiteMinutes / scale) * 100}
        marker={(targetMinutes / scale) * 100}
        color={v.onSiteMinutes >= targetMinutes ? GREEN : RED}
      />
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
          <View className="input" id="stats-month" style={{ lineHeight: '48px', marginTop: '8px' }}>
            统计月份：{month}
          </View>
        </Picker>
      </View>
      <ErrorMessage message={error} />
      {loading && !data && (
        <View className="muted" id="loading">
          正在加载…
        </View>
      )}
      {data && (
        <View>
          <View className="card" id="stats-summary">
            <View className="section-title">总体情况</View>
            <View className="row" style={{ flexWrap: 'wrap' }}>
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

          <View className="card" id="township-chart">
            <View className="section-title">各乡镇达标率</View>
            <View className="muted">点乡镇查看各村情况</View>
            {data.townships.length === 0 && <View className="muted">暂无数据</View>}
            {data.townships.map((t) => (
              <View
                key={t.code}
                id={`township-${t.code}`}
                hoverClass="btn-hover"
                onClick={() => setTownship(t.code)}
                style={{
                  padding: '6px 8px',
                  borderRadius: '6px',
                  background: t.code === township ? '#fdecea' : 'transparent',
                }}
              >
                <View className="row">
                  <View className="grow">{t.name}</View>
                  <View id={`township-rate-${t.code}`}>
                    {pct(t.rate)}（{t.compliant}/{t.villages}）
                  </View>
                </View>
                <HBar id={`township-bar-${t.code}`} percent={t.rate} color={t.rate >= 100 ? GREEN : RED} />
              </View>
            ))}
          </View>

          {township && (
            <View className="card" id="village-chart">
              <View className="section-title">{townshipName} 各村驻点时长</View>
              <View className="muted">竖线为每月驻点标准（{hours(targetMinutes)} 小时）</View>
              {villages.length === 0 && <View className="muted">该乡镇暂无村（社区）</View>}
              {villages.map((v) => (
                <VillageRow key={v.code} v={v} targetMinutes={targetMinutes} />
              ))}
            </View>
          )}
        </View>
      )}
    </Screen>
  );
}
