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
import { hours } from '../services/format';
import { queued, startLedgerSync } from '../services/queue';
import { Screen } from '../../shared/components/Screen';

function EntryItem({ e, onCorrect }: { e: LedgerEntry; onCorrect: () => void }) {
  const { t } = useTranslation(['ledger', 'labels']);
  return (
    <View className="list-item" id={`entry-${e.id}`}>
      <View className="row">
        <View className="grow bold">
          {t(`labels:ledgerKind.${e.kind}`)} · {e.villageName}
        </View>
        <View id={`entry-status-${e.id}`} className={`entry-status-${e.status}`}>
          {t(`labels:ledgerStatus.${e.status}`)}
        </View>
      </View>
      <View className="subtitle">
        {t('entries.time', {
          start: formatBeijing(e.startAt, 'full'),
          end: formatBeijing(e.endAt, 'time'),
          hours: hours(e.minutes),
          mode: t(`labels:ledgerMode.${e.mode}`),
        })}
        {e.attendees !== null ? t('entries.attendees', { n: e.attendees }) : ''}
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
          {e.lateReason ? t('entries.lateWith', { reason: e.lateReason }) : t('entries.late')}
        </View>
      )}
      {e.correctsEntryId && <View className="tag">{t('entries.correcting')}</View>}
      {e.status === 'returned' && e.review?.reason && (
        <View className="error" id={`entry-reason-${e.id}`}>
          {t('entries.returnReason', { reason: e.review.reason })}
        </View>
      )}
      {e.status !== 'pending' && (
        <Button small light id={`correct-${e.id}`} onClick={onCorrect}>
          {t('entries.correct')}
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
  const { t } = useTranslation('ledger');
  if (items.length === 0) return null;
  return (
    <View className="card" id="returned-entries">
      <View className="section-title">{t('entries.returnedTitle', { n: items.length })}</View>
      {items.map((e) => (
        <View key={e.id} className="list-item" id={`returned-${e.id}`}>
          <View>
            {e.month} · {e.villageName}
          </View>
          {e.reason && <View className="error">{t('entries.returnReason', { reason: e.reason })}</View>}
          <Button small id={`returned-correct-${e.id}`} onClick={() => onCorrect(e)}>
            {t('entries.correct')}
          </Button>
        </View>
      ))}
    </View>
  );
}

export default function LedgerEntries() {
  const { t } = useTranslation('ledger');
  const [month, setMonth] = useState(() => beijingMonth());
  const entries = useLoad<LedgerEntry[]>();
  const [waiting, setWaiting] = useState(() => queued());
  const returned = useLoad<Returned[]>();

  function load(m = month) {
    setWaiting(queued());
    entries.load(() => call('myLedgerEntries', { query: { month: m } }).then((r) => r.items));
    returned.load(() => call('myTodo').then((todo) => todo.counsel?.returnedEntries.items ?? []));
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
      else returned.fail(t('entries.returnedMissing'));
    }, returned.fail);
  }

  return (
    <Screen title={t('entries.title')}>
      <View className="card row">
        <View className="grow title">{t('entries.title')}</View>
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
          {t('entries.queued', { label: q.label })}
        </View>
      ))}
      <PageError message={entries.error} />
      {!items && !entries.error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="entries-empty">
          {t('entries.empty')}
        </View>
      )}
      {items?.map((e) => (
        <EntryItem key={e.id} e={e} onCorrect={() => correct(e)} />
      ))}
      <Button id="goto-entry" onClick={() => goto('ledgerEntry')}>
        {t('entries.entry')}
      </Button>
    </Screen>
  );
}
