import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Textarea, View } from '@tarojs/components';
import type { CallbackItem, CallbackListReply } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { useStaffMonth } from '../../shared/hooks/useStaffMonth';
import { beijingDate, formatBeijing } from '../../shared/time';
import { CALLBACK_KIND_LABELS } from '../components/labels';

const NOTES_MAX = 500;

interface Draft {
  reached: boolean | null;
  satisfied: boolean | null;
  notes: string;
}
const EMPTY: Draft = { reached: null, satisfied: null, notes: '' };

/** Two or more choices, the chosen one filled (large tap targets). */
function Choice({ id, options }: { id: string; options: { id: string; label: string; on: boolean; pick: () => void }[] }) {
  return (
    <View className="row wrap" id={id}>
      {options.map((o) => (
        <Button key={o.id} id={o.id} small light={!o.on} onClick={o.pick}>
          {o.label}
        </Button>
      ))}
    </View>
  );
}

function RecordedCall({ item }: { item: CallbackItem }) {
  const c = item.call!;
  return (
    <View id={`callback-call-${item.id}`}>
      <View className="row">
        <View className={c.reached ? 'ok' : 'tag'} id={`callback-reached-${item.id}`}>
          {c.reached ? '已接通' : '未接通'}
        </View>
        {c.reached && (
          <View className={c.satisfied ? 'ok' : 'tag'} id={`callback-satisfied-${item.id}`}>
            {c.satisfied ? '满意' : '不满意'}
          </View>
        )}
      </View>
      {c.notes && <View className="muted">{c.notes}</View>}
      <View className="muted">
        {c.byName} 于 {formatBeijing(c.at, 'short')} 记录
      </View>
    </View>
  );
}

/**
 * 回访 (issue 16 item 5): the township's month's sample — drawn by the system, kept once drawn —
 * each with the person to call (the full number only on 拨打, logged) and the call recorded once.
 */
export default function Callbacks() {
  const list = useStaffMonth<CallbackListReply>('township_staff', (code, month) =>
    call('townshipCallbacks', { params: { townshipCode: code }, query: { month } }),
  );
  const { data, error, place, month, pickMonth } = list;
  const action = useAction();
  const [open, setOpen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const edit = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  function startRecording(id: string) {
    setOpen(id);
    setDraft(EMPTY);
    action.clear();
  }

  function dial(item: CallbackItem) {
    if (!place) return;
    void action.run(() =>
      call('revealCallbackPhone', { params: { townshipCode: place.code, callbackId: item.id } }).then(({ phone }) =>
        Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined),
      ),
    );
  }

  function save(item: CallbackItem) {
    if (!place) return;
    if (draft.reached === null) return action.fail('请选择是否接通');
    if (draft.reached && draft.satisfied === null) return action.fail('请选择是否满意');
    const notes = draft.notes.trim();
    const body = draft.reached
      ? { reached: true as const, satisfied: draft.satisfied!, ...(notes ? { notes } : {}) }
      : { reached: false as const, satisfied: null, ...(notes ? { notes } : {}) };
    void action
      .run(() => call('recordCallback', { params: { townshipCode: place.code, callbackId: item.id }, body }), {
        ok: '回访已记录',
        confirm: { title: '记录回访', content: '回访记录保存后不能修改，确定保存吗？', confirmText: '保存' },
        onError: () => list.load(() => call('townshipCallbacks', { params: { townshipCode: place.code }, query: { month } })),
      })
      .then((saved) => {
        if (!saved) return;
        setOpen(null);
        list.load(() => call('townshipCallbacks', { params: { townshipCode: place.code }, query: { month } }));
      });
  }

  const items = data?.items ?? [];
  const done = items.filter((i) => i.call).length;

  return (
    <Screen>
      <View className="card">
        <View className="title">回访</View>
        <View className="subtitle">{place?.name ?? ''}每月随机抽取已办结的咨询和事项，电话回访服务对象</View>
        <Picker mode="date" fields="month" value={month} end={beijingDate()} onChange={(e) => pickMonth(String(e.detail.value))}>
          <View className="input input-line mt-s" id="callbacks-month">
            回访月份：{month}
          </View>
        </Picker>
        {data && (
          <View className="muted" id="callbacks-summary">
            本月办结 {data.finished} 件，按 {data.sharePercent}%（不少于 {data.minimum} 件）抽取 {items.length} 件，已回访 {done}{' '}
            件
          </View>
        )}
      </View>
      <PageError message={error} />
      {!data && !error && <View className="muted">正在加载…</View>}
      {data && items.length === 0 && (
        <View className="muted" id="callbacks-empty">
          本月还没有办结的咨询或事项
        </View>
      )}
      {items.map((item) => (
        <View key={item.id} className="card" id={`callback-${item.id}`}>
          <View className="row">
            <View className="grow bold">{CALLBACK_KIND_LABELS[item.kind] ?? item.kind}</View>
            <View className={item.call ? 'ok' : 'tag'}>{item.call ? '已回访' : '待回访'}</View>
          </View>
          <View>{item.title}</View>
          <View className="muted" id={`callback-person-${item.id}`}>
            {item.personName} {item.personPhoneMasked ?? '未登记电话'} · {item.villageName}
          </View>
          <View className="muted">
            经办：{item.handlerName ?? '—'} · 办结于 {formatBeijing(item.finishedAt, 'short')}
          </View>
          {item.call && <RecordedCall item={item} />}
          {!item.call && open !== item.id && (
            <View className="row wrap">
              {item.personPhoneMasked && (
                <Button small light id={`callback-dial-${item.id}`} loading={action.busy} onClick={() => dial(item)}>
                  拨打
                </Button>
              )}
              <Button small id={`callback-record-${item.id}`} onClick={() => startRecording(item.id)}>
                记录回访
              </Button>
            </View>
          )}
          {!item.call && open === item.id && (
            <View id={`callback-form-${item.id}`}>
              <View className="section-title">是否接通</View>
              <Choice
                id="callback-reached"
                options={[
                  { id: 'callback-reached-yes', label: '接通', on: draft.reached === true, pick: () => edit({ reached: true }) },
                  {
                    id: 'callback-reached-no',
                    label: '未接通',
                    on: draft.reached === false,
                    pick: () => edit({ reached: false, satisfied: null }),
                  },
                ]}
              />
              {draft.reached && (
                <View>
                  <View className="section-title">是否满意</View>
                  <Choice
                    id="callback-satisfied"
                    options={[
                      {
                        id: 'callback-satisfied-yes',
                        label: '满意',
                        on: draft.satisfied === true,
                        pick: () => edit({ satisfied: true }),
                      },
                      {
                        id: 'callback-satisfied-no',
                        label: '不满意',
                        on: draft.satisfied === false,
                        pick: () => edit({ satisfied: false }),
                      },
                    ]}
                  />
                </View>
              )}
              <View className="muted" id="callback-choice">
                {draft.reached === null
                  ? '请选择是否接通'
                  : draft.reached
                    ? `已选：接通 · ${draft.satisfied === null ? '请选择是否满意' : draft.satisfied ? '满意' : '不满意'}`
                    : '已选：未接通'}
              </View>
              <Textarea
                id="callback-notes"
                className="input textarea textarea-h120"
                value={draft.notes}
                maxlength={inputMaxLength(NOTES_MAX)}
                placeholder="回访情况（选填）：对方意见、未接通的原因等"
                onInput={(e) => edit({ notes: e.detail.value })}
              />
              <View className="muted" id="callback-notes-count">
                {countChars(draft.notes)} / {NOTES_MAX}
              </View>
              <View className="row wrap">
                <Button id="callback-save" loading={action.busy} onClick={() => save(item)}>
                  保存回访记录
                </Button>
                <Button light id="callback-cancel" onClick={() => setOpen(null)}>
                  取消
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
      <Feedback of={action} />
    </Screen>
  );
}
