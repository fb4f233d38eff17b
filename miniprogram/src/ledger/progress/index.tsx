import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { VillageProgress } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { PageError } from '../../shared/components/Message';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { QueueStatus } from '../components/QueueStatus';
import { ReminderSwitch } from '../components/ReminderSwitch';
import { hours } from '../services/format';
import { startLedgerSync } from '../services/queue';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';

function Bar({ value, max }: { value: number; max: number }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <View className="progress-track progress-spaced">
      <View className={pct >= 100 ? 'progress-fill progress-done' : 'progress-fill'} style={{ width: `${pct}%` }} />
    </View>
  );
}

function VillageCard({ p }: { p: VillageProgress }) {
  const { t } = useTranslation('ledger');
  const code = p.villageCode;
  return (
    <View className="card" id={`progress-${code}`}>
      <View className="item-title">{p.villageName}</View>
      <View id={`progress-month-${code}`}>
        {t('progress.month', { done: hours(p.month.onSiteMinutes), required: hours(p.month.requiredMinutes) })}
      </View>
      {p.month.pendingOnSiteMinutes > 0 && (
        <View className="muted" id={`progress-pending-${code}`}>
          {t('progress.pending', { hours: hours(p.month.pendingOnSiteMinutes) })}
        </View>
      )}
      <Bar value={p.month.onSiteMinutes} max={p.month.requiredMinutes} />
      <View className="muted" id={`progress-remote-${code}`}>
        {t('progress.remote', { n: p.month.consultationsAnswered })}
      </View>
      <View id={`progress-quarter-${code}`}>
        {t('progress.quarter', { done: p.quarter.lectures, required: p.quarter.requiredLectures })}
      </View>
      <Bar value={p.quarter.lectures} max={p.quarter.requiredLectures} />
      <View id={`progress-year-${code}`}>
        {t('progress.year', { done: hours(p.year.minutes), required: hours(p.year.requiredMinutes) })}
      </View>
      <Bar value={p.year.minutes} max={p.year.requiredMinutes} />
      <View id={`progress-missing-${code}`}>
        {p.missing.length === 0 ? (
          <View className="ok">{t('progress.complete')}</View>
        ) : (
          p.missing.map((m) => (
            <View key={m} className="tag">
              {m}
            </View>
          ))
        )}
      </View>
    </View>
  );
}

export default function LedgerProgress() {
  const { t } = useTranslation('ledger');
  const progress = useLoad<VillageProgress[]>();
  const items = progress.data;

  function load() {
    progress.load(() => call('myLedgerProgress', { query: {} }).then((r) => r.items));
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    startLedgerSync();
    load();
  });

  return (
    <Screen title={t('progress.title')}>
      <View className="card">
        <View className="title">{t('progress.title')}</View>
        <View className="subtitle">{t('progress.subtitle')}</View>
      </View>
      <QueueStatus onSynced={load} />
      <PageError message={progress.error} />
      {!items && !progress.error && (
        <View className="muted" id="loading">
          {t('loading')}
        </View>
      )}
      {items && items.length === 0 && <View className="muted">{t('progress.noVillages')}</View>}
      {items?.map((p) => (
        <VillageCard key={p.villageCode} p={p} />
      ))}
      <ReminderSwitch />
      <Button id="goto-entry" onClick={() => goto('ledgerEntry')}>
        {t('progress.entry')}
      </Button>
      <Button light id="goto-entries" onClick={() => goto('ledgerEntries')}>
        {t('progress.entries')}
      </Button>
    </Screen>
  );
}
