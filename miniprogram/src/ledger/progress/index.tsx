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

function Bar({ value, max }: { value: number; max: number }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <View className="progress-track progress-spaced">
      <View className={pct >= 100 ? 'progress-fill progress-done' : 'progress-fill'} style={{ width: `${pct}%` }} />
    </View>
  );
}

function VillageCard({ p }: { p: VillageProgress }) {
  const code = p.villageCode;
  return (
    <View className="card" id={`progress-${code}`}>
      <View className="item-title">{p.villageName}</View>
      <View id={`progress-month-${code}`}>
        本月驻点 {hours(p.month.onSiteMinutes)} / {hours(p.month.requiredMinutes)} 小时
      </View>
      {p.month.pendingOnSiteMinutes > 0 && (
        <View className="muted" id={`progress-pending-${code}`}>
          待审核 {hours(p.month.pendingOnSiteMinutes)} 小时
        </View>
      )}
      <Bar value={p.month.onSiteMinutes} max={p.month.requiredMinutes} />
      <View className="muted" id={`progress-remote-${code}`}>
        本月远程解答咨询 {p.month.consultationsAnswered} 件
      </View>
      <View id={`progress-quarter-${code}`}>
        本季度讲座 {p.quarter.lectures} / {p.quarter.requiredLectures} 次
      </View>
      <Bar value={p.quarter.lectures} max={p.quarter.requiredLectures} />
      <View id={`progress-year-${code}`}>
        本年度 {hours(p.year.minutes)} / {hours(p.year.requiredMinutes)} 小时
      </View>
      <Bar value={p.year.minutes} max={p.year.requiredMinutes} />
      <View id={`progress-missing-${code}`}>
        {p.missing.length === 0 ? (
          <View className="ok">已完成</View>
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
    <Screen>
      <View className="card">
        <View className="title">我的服务进度</View>
        <View className="subtitle">按已审核通过的台账统计，待审核的单独列出</View>
      </View>
      <QueueStatus onSynced={load} />
      <PageError message={progress.error} />
      {!items && !progress.error && (
        <View className="muted" id="loading">
          正在加载…
        </View>
      )}
      {items && items.length === 0 && <View className="muted">您目前没有服务的村（社区）</View>}
      {items?.map((p) => (
        <VillageCard key={p.villageCode} p={p} />
      ))}
      <ReminderSwitch />
      <Button id="goto-entry" onClick={() => goto('ledgerEntry')}>
        登记台账
      </Button>
      <Button light id="goto-entries" onClick={() => goto('ledgerEntries')}>
        我的台账
      </Button>
    </Screen>
  );
}
