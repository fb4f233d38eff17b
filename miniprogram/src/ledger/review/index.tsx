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
import { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, hours } from '../services/format';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

function ReviewItem(props: { e: LedgerEntry; busy: boolean; onApprove: () => void; onReturn: (reason: string) => void }) {
  const { e, busy, onApprove, onReturn } = props;
  const [reason, setReason] = useState('');
  return (
    <View className="list-item" id={`review-${e.id}`}>
      <View className="row">
        <View className="grow bold">
          {e.counselName} · {e.villageName}
        </View>
        <View className="tag">{LEDGER_KIND_LABELS[e.kind] ?? e.kind}</View>
      </View>
      <View className="subtitle" id={`review-time-${e.id}`}>
        {formatBeijing(e.startAt, 'full')}–{formatBeijing(e.endAt, 'time')}，{hours(e.minutes)} 小时，{LEDGER_MODE_LABELS[e.mode]}
        {e.viaTimer ? '（驻点计时）' : ''}
        {e.attendees !== null ? `，${e.attendees} 人参加` : ''}
      </View>
      <View>{e.summary}</View>
      {e.late && <View className="tag">补登{e.lateReason ? `：${e.lateReason}` : ''}</View>}
      {e.correctsEntryId && <View className="tag">更正此前登记的记录</View>}
      <Input
        id={`reason-${e.id}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(500)}
        placeholder="退回原因（退回时必填）"
        onInput={(ev) => setReason(ev.detail.value)}
      />
      <View className="row">
        <View className="grow gap-right">
          <Button small id={`approve-${e.id}`} disabled={busy} onClick={onApprove}>
            通过
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`return-${e.id}`} disabled={busy} onClick={() => onReturn(reason.trim())}>
            退回
          </Button>
        </View>
      </View>
    </View>
  );
}

export default function TownshipReview() {
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
      action.fail('退回时请填写原因');
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
        ok: `${decision === 'approve' ? '已通过' : '已退回'}：${e.counselName} ${e.villageName} ${LEDGER_KIND_LABELS[e.kind] ?? ''}`,
        // an approval counts toward the month's hours and cannot be taken back; a return can be corrected
        confirm:
          decision === 'approve'
            ? {
                title: '通过这条服务记录？',
                content: `${e.counselName} ${e.villageName} ${LEDGER_KIND_LABELS[e.kind] ?? ''}：通过后计入本月服务时长，不能撤回。`,
                confirmText: '通过',
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
        ok: (l) => `已锁定 ${l.month} 的台账`,
        confirm: {
          title: '锁定台账',
          content: `锁定后 ${townshipName}${month} 的台账不能再直接登记，只能补登并说明原因；锁定不能撤销。`,
          confirmText: '锁定',
        },
      },
    );
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">台账审核</View>
        <View className="subtitle">{townshipName}待审核的服务记录</View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="review-empty">
          没有待审核的记录
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
        <View className="section-title">月度锁定</View>
        <View className="row">
          <View className="grow muted">审核完毕后锁定该月台账</View>
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
          锁定{month === beijingMonth() ? '本月' : ` ${month} `}台账
        </Button>
      </View>
      {townshipCode && (
        <LedgerLocks townshipCode={townshipCode} townshipName={townshipName} version={locks} onError={action.fail} />
      )}
    </Screen>
  );
}
