import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry, TodoReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage, PageError } from '../../shared/components/Message';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { beijingMonth, formatBeijing } from '../../shared/time';
import { QueueStatus } from '../components/QueueStatus';
import { draftCorrecting, saveDraft } from '../services/draft';
import { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS, hours } from '../services/format';
import { queued, startLedgerSync } from '../services/queue';
import { Screen } from '../../shared/components/Screen';

function EntryItem({ e, onCorrect }: { e: LedgerEntry; onCorrect: () => void }) {
  const { t } = useTranslation('ledger');
  return (
    <View className="list-item" id={`entry-${e.id}`}>
      <View className="row">
        <View className="grow bold">
          {LEDGER_KIND_LABELS[e.kind] ?? e.kind} · {e.villageName}
        </View>
        <View id={`entry-status-${e.id}`} className={`entry-status-${e.status}`}>
          {LEDGER_STATUS_LABELS[e.status] ?? e.status}
        </View>
      </View>
      <View className="subtitle">
        {formatBeijing(e.startAt, 'full')}–{formatBeijing(e.endAt, 'time')}，{hours(e.minutes)} 小时，{LEDGER_MODE_LABELS[e.mode]}
        {e.attendees !== null ? `，${e.attendees} 人参加` : ''}
      </View>
      <View>{e.summary}</View>
      {e.lectureId && (
        <View
          className="link"
          id={`entry-lecture-${e.id}`}
          data-lecture-id={e.lectureId}
          onClick={() => goto('lecturesDetail', { id: e.lectureId! })}
        >
          {t('entries.lecture', { n: e.attendeeNames.length, names: e.attendeeNames.join(t('entries.nameSeparator')) })}
        </View>
      )}
      {e.late && (
        <View className="tag" id={`entry-late-${e.id}`}>
          补登{e.lateReason ? `：${e.lateReason}` : ''}
        </View>
      )}
      {e.correctsEntryId && <View className="tag">更正记录</View>}
      {e.status === 'returned' && e.review?.reason && (
        <View className="error" id={`entry-reason-${e.id}`}>
          退回原因：{e.review.reason}
        </View>
      )}
      {e.status !== 'pending' && (
        <Button small light id={`correct-${e.id}`} onClick={onCorrect}>
          更正
        </Button>
      )}
    </View>
  );
}

type Returned = NonNullable<TodoReply['counsel']>['returnedEntries']['items'][number];

/**
 * Returned entries not yet corrected, of every month: shown above the month's list until each is
 * corrected, so a return in an earlier month is not missed (issue 14 item 4).
 */
function ReturnedEntries({ items, onCorrect }: { items: readonly Returned[]; onCorrect: (e: Returned) => void }) {
  if (items.length === 0) return null;
  return (
    <View className="card" id="returned-entries">
      <View className="section-title">退回待更正（{items.length}）</View>
      {items.map((e) => (
        <View key={e.id} className="list-item" id={`returned-${e.id}`}>
          <View>
            {e.month} · {e.villageName}
          </View>
          {e.reason && <View className="error">退回原因：{e.reason}</View>}
          <Button small id={`returned-correct-${e.id}`} onClick={() => onCorrect(e)}>
            更正
          </Button>
        </View>
      ))}
    </View>
  );
}

export default function LedgerEntries() {
  const [month, setMonth] = useState(() => beijingMonth());
  const entries = useLoad<LedgerEntry[]>();
  const [waiting, setWaiting] = useState(() => queued());
  const returned = useLoad<Returned[]>();

  function load(m = month) {
    setWaiting(queued());
    entries.load(() => call('myLedgerEntries', { query: { month: m } }).then((r) => r.items));
    returned.load(() => call('myTodo').then((t) => t.counsel?.returnedEntries.items ?? []));
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    startLedgerSync();
    load();
  });

  const items = entries.data;

  function correct(e: LedgerEntry) {
    // the form picks the prepared draft up from storage
    saveDraft(draftCorrecting(e));
    goto('ledgerEntry');
  }

  /** A returned entry of any month: its month's returned entries hold the whole record to correct. */
  function correctReturned(r: Returned) {
    call('myLedgerEntries', { query: { month: r.month, status: 'returned' } }).then((reply) => {
      const entry = reply.items.find((e) => e.id === r.id);
      if (entry) correct(entry);
      else returned.fail('找不到这条退回的记录，可能已更正，请重新打开本页');
    }, returned.fail);
  }

  return (
    <Screen>
      <View className="card row">
        <View className="grow title">我的台账</View>
        <Picker
          mode="date"
          fields="month"
          value={`${month}-01`}
          onChange={(e) => {
            const m = String(e.detail.value).slice(0, 7);
            setMonth(m);
            load(m);
          }}
        >
          <View className="tag tag-choice" id="entries-month">
            {month} ▾
          </View>
        </Picker>
      </View>
      <QueueStatus onSynced={() => load()} />
      <ErrorMessage message={returned.error} />
      <ReturnedEntries items={returned.data ?? []} onCorrect={correctReturned} />
      {waiting.map((q) => (
        <View key={q.body.clientKey} className="list-item muted" id={`queued-${q.body.clientKey}`}>
          待同步：{q.label}
        </View>
      ))}
      <PageError message={entries.error} />
      {!items && !entries.error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="entries-empty">
          本月没有登记记录
        </View>
      )}
      {items?.map((e) => (
        <EntryItem key={e.id} e={e} onCorrect={() => correct(e)} />
      ))}
      <Button id="goto-entry" onClick={() => goto('ledgerEntry')}>
        登记台账
      </Button>
    </Screen>
  );
}
