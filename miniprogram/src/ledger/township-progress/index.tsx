import { Picker, View } from '@tarojs/components';
import type { VillageCompliance } from '@vc/types';
import { call } from '../../shared/api';
import { useStaffMonth } from '../../shared/hooks/useStaffMonth';
import { PageError } from '../../shared/components/Message';
import { AsOfNote } from '../components/AsOfNote';
import { LedgerLocks } from '../components/LedgerLocks';
import { MissingTags } from '../components/MissingTags';
import { F2Chart } from '../components/F2Chart';
import { barChartHeight, villageHoursChart } from '../components/charts';
import { hours, pct } from '../services/format';
import { beijingDate } from '../../shared/time';
import { Screen } from '../../shared/components/Screen';

function VillageItem({ v, targetMinutes }: { v: VillageCompliance; targetMinutes: number }) {
  const prefix = v.compliant ? 'done' : 'behind';
  return (
    <View className="list-item" id={`${prefix}-${v.code}`}>
      <View className="row">
        <View className="grow bold" id={`${prefix}-name-${v.code}`}>
          {v.name}
        </View>
        <View className={v.compliant ? 'ok' : 'tag'}>{v.compliant ? '达标' : '未达标'}</View>
      </View>
      <View className="subtitle" id={`${prefix}-counsel-${v.code}`}>
        法律顾问：{v.counsel.length ? v.counsel.map((c) => c.name).join('、') : '暂未指派'}
      </View>
      <View className="muted" id={`${prefix}-hours-${v.code}`}>
        本月驻点 {hours(v.onSiteMinutes)} / {hours(targetMinutes)} 小时 · 讲座 {v.lectures} 次 · 台账 {v.entries} 条
      </View>
      <MissingTags id={`${prefix}-missing-${v.code}`} items={v.missing} />
    </View>
  );
}

export default function TownshipProgress() {
  const { data, error, loading, place, month, pickMonth, fail } = useStaffMonth('township_staff', (code, m) =>
    call('townshipCompliance', { params: { townshipCode: code }, query: { month: m } }),
  );
  const townshipCode = place?.code ?? null;
  const townshipName = place?.name ?? '';

  const targetMinutes = Math.round((data?.targets.minOnSiteHoursPerMonth ?? 0) * 60);
  const villages = data ? data.villages.filter((v) => !townshipCode || v.townshipCode === townshipCode) : [];
  // behind schedule first, the fewest on-site minutes first
  const behind = villages.filter((v) => !v.compliant).sort((a, b) => a.onSiteMinutes - b.onSiteMinutes);
  const done = villages.filter((v) => v.compliant);
  const township = data?.townships.find((t) => t.code === townshipCode);
  const rate = township?.rate ?? data?.summary.rate ?? 0;
  const compliant = township?.compliant ?? data?.summary.compliant ?? 0;
  const total = township?.villages ?? data?.summary.villages ?? 0;

  return (
    <Screen>
      <View className="card">
        <View className="title">进度落后的村</View>
        <View className="subtitle">{townshipName || township?.name || townshipCode || ''}</View>
        <Picker
          mode="date"
          fields="month"
          value={`${month}-01`}
          end={beijingDate()}
          onChange={(e) => pickMonth(String(e.detail.value))}
        >
          <View className="input input-line mt-s" id="progress-month">
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
          <View className="card" id="township-summary">
            <View className="row">
              <View className="grow">达标率</View>
              <View id="township-rate" className="bold">
                {pct(rate)}（{compliant}/{total}）
              </View>
            </View>
            <View className="muted">
              标准：每村每月驻点 {data.targets.minOnSiteHoursPerMonth} 小时，每季度讲座 {data.targets.minLecturesPerQuarter}{' '}
              次，每年服务 {data.targets.minHoursPerYear} 小时
            </View>
            <AsOfNote asOf={data.asOf} />
          </View>

          {villages.length > 0 && (
            <View className="card" id="village-chart">
              <View className="section-title">各村本月驻点（小时）</View>
              <View className="muted">虚线为每月驻点标准（{hours(targetMinutes)} 小时），各村数字见下方列表</View>
              <F2Chart
                id="village-canvas"
                height={barChartHeight(villages.length)}
                label={`各村本月驻点小时：${villages.map((v) => `${v.name} ${hours(v.onSiteMinutes)}`).join('，')}`}
                dataKey={`${data.month}|${targetMinutes}|${villages.map((v) => `${v.code}:${v.onSiteMinutes}`).join()}`}
                chart={() => villageHoursChart(villages, targetMinutes / 60)}
              />
            </View>
          )}

          <View className="card" id="behind-list">
            <View className="section-title">未达标（{behind.length}）</View>
            {behind.length === 0 && (
              <View className="muted" id="behind-empty">
                各村均已达标
              </View>
            )}
            {behind.map((v) => (
              <VillageItem key={v.code} v={v} targetMinutes={targetMinutes} />
            ))}
          </View>

          {done.length > 0 && (
            <View className="card" id="done-list">
              <View className="section-title">已达标（{done.length}）</View>
              {done.map((v) => (
                <VillageItem key={v.code} v={v} targetMinutes={targetMinutes} />
              ))}
            </View>
          )}
        </View>
      )}
      {townshipCode && <LedgerLocks townshipCode={townshipCode} townshipName={townshipName} onError={fail} />}
    </Screen>
  );
}
