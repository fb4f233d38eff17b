import { useState } from 'react';
import { Input, Picker, View } from '@tarojs/components';
import type { LedgerEntry } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { beijingMonth, formatBeijing } from '../../shared/time';
import { LedgerLocks } from '../components/LedgerLocks';
import { hours } from '../services/format';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';

function ReviewItem(props: { e: LedgerEntry; busy: boolean; onApprove: () => void; onReturn: (reason: string) => void }) {
  const { e, busy, onApprove, onReturn } = props;
  const { t } = useTranslation(['ledger', 'labels']);
  const [reason, setReason] = useState('');
  return (
    <View className="list-item" id={`review-${e.id}`}>
      <View className="row">
        <View className="grow bold">
          {e.counselName} · {e.villageName}
        </View>
        <View className="tag">{t(`labels:ledgerKind.${e.kind}`)}</View>
      </View>
      <View className="subtitle" id={`review-time-${e.id}`}>
        {t('review.time', {
          start: formatBeijing(e.startAt, 'full'),
          end: formatBeijing(e.endAt, 'time'),
          hours: hours(e.minutes),
          mode: t(`labels:ledgerMode.${e.mode}`),
        })}
        {e.viaTimer ? t('review.viaTimer') : ''}
        {e.attendees !== null ? t('review.attendees', { n: e.attendees }) : ''}
      </View>
      <View>{e.summary}</View>
      {e.late && <View className="tag">{e.lateReason ? t('review.lateWith', { reason: e.lateReason }) : t('review.late')}</View>}
      {e.correctsEntryId && <View className="tag">{t('review.correcting')}</View>}
      <Input
        id={`reason-${e.id}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(500)}
        placeholder={t('review.reasonPlaceholder')}
        onInput={(ev) => setReason(ev.detail.value)}
      />
      <View className="row">
        <View className="grow gap-right">
          <Button small id={`approve-${e.id}`} disabled={busy} onClick={onApprove}>
            {t('review.approve')}
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`return-${e.id}`} disabled={busy} onClick={() => onReturn(reason.trim())}>
            {t('review.return')}
          </Button>
        </View>
      </View>
    </View>
  );
}

export default function TownshipReview() {
  const { t } = useTranslation(['ledger', 'labels']);
  const [townshipCode, setTownshipCode] = useState<string | null>(null);
  const [townshipName, setTownshipName] = useState('');
  const [items, setItems] = useState<LedgerEntry[] | null>(null);
  const [month, setMonth] = useState(() => beijingMonth());
  /** bumped after a lock, so the list of locked months reloads */
  const [locks, setLocks] = useState(0);
  const action = useAction();

  function load(code: string) {
    call('townshipLedgerEntries', { params: { townshipCode: code }, query: { status: 'pending' } })
      .then((r) => setItems(r.items))
      .catch(action.fail);
  }

  useStaffPlace(
    'township_staff',
    ({ code, name }) => {
      setTownshipCode(code);
      setTownshipName(name);
      load(code);
    },
    action.fail,
  );

  function review(e: LedgerEntry, decision: 'approve' | 'return', reason?: string) {
    if (!townshipCode) return;
    if (decision === 'return' && (!reason || countChars(reason) < 2)) {
      action.fail(t('review.reasonMissing'));
      return;
    }
    void action.run(
      async () => {
        await call('reviewLedgerEntry', {
          params: { townshipCode, entryId: e.id },
          body: decision === 'approve' ? { decision } : { decision, reason: reason! },
        });
        setItems((list) => (list ? list.filter((x) => x.id !== e.id) : list));
      },
      {
        ok: t(decision === 'approve' ? 'review.approved' : 'review.returned', {
          name: e.counselName,
          village: e.villageName,
          kind: t(`labels:ledgerKind.${e.kind}`),
        }),
        // an approval counts toward the month's hours and cannot be taken back; a return can be corrected
        confirm:
          decision === 'approve'
            ? {
                title: t('review.confirmTitle'),
                content: t('review.confirmContent', {
                  name: e.counselName,
                  village: e.villageName,
                  kind: t(`labels:ledgerKind.${e.kind}`),
                }),
                confirmText: t('review.approve'),
              }
            : undefined,
      },
    );
  }

  function lock() {
    if (!townshipCode) return;
    void action.run(
      async () => {
        const l = await call('lockLedgerMonth', { params: { townshipCode, month } });
        setLocks((n) => n + 1);
        return l;
      },
      {
        ok: (l) => t('review.locked', { month: l.month }),
        confirm: {
          title: t('review.lockTitle'),
          content: t('review.lockContent', { township: townshipName, month }),
          confirmText: t('review.lockConfirm'),
        },
      },
    );
  }

  return (
    <Screen title={t('review.title')}>
      <View className="card">
        <View className="title">{t('review.title')}</View>
        <View className="subtitle">{t('review.subtitle', { township: townshipName })}</View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="review-empty">
          {t('review.empty')}
        </View>
      )}
      {items?.map((e) => (
        <ReviewItem
          key={e.id}
          e={e}
          busy={action.busy}
          onApprove={() => review(e, 'approve')}
          onReturn={(reason) => review(e, 'return', reason)}
        />
      ))}

      <View className="card">
        <View className="section-title">{t('review.lockSection')}</View>
        <View className="row">
          <View className="grow muted">{t('review.lockHint')}</View>
          <Picker
            id="lock-month-picker"
            mode="date"
            fields="month"
            value={`${month}-01`}
            onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}
          >
            <View className="tag tag-choice" id="lock-month">
              {month} ▾
            </View>
          </Picker>
        </View>
        <Button light id="lock-button" disabled={action.busy || !townshipCode} onClick={lock}>
          {month === beijingMonth() ? t('review.lockThisMonth') : t('review.lockMonth', { month })}
        </Button>
      </View>
      {townshipCode && (
        <LedgerLocks townshipCode={townshipCode} townshipName={townshipName} version={locks} onError={action.fail} />
      )}
    </Screen>
  );
}
