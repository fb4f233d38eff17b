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
import { useTranslation } from 'react-i18next';

function VillageItem({ v, targetMinutes }: { v: VillageCompliance; targetMinutes: number }) {
  const { t } = useTranslation('ledger');
  const prefix = v.compliant ? 'done' : 'behind';
  return (
    <View className="list-item" id={`${prefix}-${v.code}`}>
      <View className="row">
        <View className="grow bold" id={`${prefix}-name-${v.code}`}>
          {v.name}
        </View>
        <View className={v.compliant ? 'ok' : 'tag'}>{v.compliant ? t('compliant') : t('notCompliant')}</View>
      </View>
      <View className="subtitle" id={`${prefix}-counsel-${v.code}`}>
        {t('townshipProgress.counsel', {
          names: v.counsel.length ? v.counsel.map((c) => c.name).join(t('enumSeparator')) : t('townshipProgress.noCounsel'),
        })}
      </View>
      <View className="muted" id={`${prefix}-hours-${v.code}`}>
        {t('villageLine', {
          done: hours(v.onSiteMinutes),
          target: hours(targetMinutes),
          lectures: v.lectures,
          entries: v.entries,
        })}
      </View>
      <MissingTags id={`${prefix}-missing-${v.code}`} items={v.missing} />
    </View>
  );
}

export default function TownshipProgress() {
  const { t } = useTranslation('ledger');
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
  const township = data?.townships.find((x) => x.code === townshipCode);
  const rate = township?.rate ?? data?.summary.rate ?? 0;
  const compliant = township?.compliant ?? data?.summary.compliant ?? 0;
  const total = township?.villages ?? data?.summary.villages ?? 0;

  return (
    <Screen title={t('townshipProgress.navTitle')}>
      <View className="card">
        <View className="title">{t('townshipProgress.title')}</View>
        <View className="subtitle">{townshipName || township?.name || townshipCode || ''}</View>
        <Picker
          mode="date"
          fields="month"
          value={`${month}-01`}
          end={beijingDate()}
          onChange={(e) => pickMonth(String(e.detail.value))}
        >
          <View className="input input-line mt-s" id="progress-month">
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
          <View className="card" id="township-summary">
            <View className="row">
              <View className="grow">{t('townshipProgress.rate')}</View>
              <View id="township-rate" className="bold">
                {pct(rate)}（{compliant}/{total}）
              </View>
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

          {villages.length > 0 && (
            <View className="card" id="village-chart">
              <View className="section-title">{t('townshipProgress.villageHours')}</View>
              <View className="muted">{t('townshipProgress.dashed', { hours: hours(targetMinutes) })}</View>
              <F2Chart
                id="village-canvas"
                height={barChartHeight(villages.length)}
                label={t('townshipProgress.villageHoursLabel', {
                  list: villages.map((v) => `${v.name} ${hours(v.onSiteMinutes)}`).join(t('listSeparator')),
                })}
                dataKey={`${data.month}|${targetMinutes}|${villages.map((v) => `${v.code}:${v.onSiteMinutes}`).join()}`}
                chart={() => villageHoursChart(villages, targetMinutes / 60)}
              />
            </View>
          )}

          <View className="card" id="behind-list">
            <View className="section-title">{t('townshipProgress.behind', { n: behind.length })}</View>
            {behind.length === 0 && (
              <View className="muted" id="behind-empty">
                {t('townshipProgress.allDone')}
              </View>
            )}
            {behind.map((v) => (
              <VillageItem key={v.code} v={v} targetMinutes={targetMinutes} />
            ))}
          </View>

          {done.length > 0 && (
            <View className="card" id="done-list">
              <View className="section-title">{t('townshipProgress.done', { n: done.length })}</View>
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
