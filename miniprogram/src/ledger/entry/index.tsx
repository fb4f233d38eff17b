import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import type { LedgerMode, SubmitLedgerEntryBody } from '@vc/types';
import { MAX_ENTRY_HOURS, countChars, inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PrivacyPopup } from '../../shared/components/PrivacyPopup';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
import { newClientKey } from '../../shared/clientKey';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { beijingDate, beijingTime, formatBeijing, isoFromPicker } from '../../shared/time';
import { QueueStatus } from '../components/QueueStatus';
import {
  clearDraft,
  clearTimer,
  currentLocation,
  emptyDraft,
  loadDraft,
  loadTimer,
  saveDraft,
  saveTimer,
  type Draft,
  type Timer,
} from '../services/draft';
import { LEDGER_KIND_LABELS, LEDGER_KIND_LIST, LEDGER_MODE_LABELS, hours } from '../services/format';
import { enqueue, flush, forgetDropped, queued, startLedgerSync } from '../services/queue';
import { Screen } from '../../shared/components/Screen';
import { ServedPicker } from '../components/ServedPicker';

interface VillageOption {
  code: string;
  name: string;
}

function counselVillages(): VillageOption[] {
  const user = getSession()?.user;
  if (!user) return [];
  return user.roles.filter((g) => g.role === 'counsel').map((g) => ({ code: g.placeCode, name: g.placeName }));
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="mb-m">
      <View className="muted">{label}</View>
      {children}
    </View>
  );
}

function minutesOf(d: Draft): number {
  const s = Date.parse(isoFromPicker(d.startDate, d.startTime));
  const e = Date.parse(isoFromPicker(d.endDate, d.endTime));
  return isNaN(s) || isNaN(e) ? NaN : Math.round((e - s) / 60000);
}

export default function LedgerEntryForm() {
  const [villages, setVillages] = useState<VillageOption[]>(() => counselVillages());
  const [draft, setDraftState] = useState<Draft>(() => loadDraft() ?? emptyDraft(counselVillages()[0]?.code ?? ''));
  const [timer, setTimer] = useState<Timer | null>(() => loadTimer());
  const action = useAction();
  // 提交 promises a notice when the township approves or returns the entry (issue 13 item 5)
  const subscribe = useSubscribe(['ledgerReviewed']);

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    const vs = counselVillages();
    setVillages(vs);
    if (vs.length === 0) action.fail('您还不是任何村（社区）的法律顾问');
    // a correction may have been prepared on the list page
    const stored = loadDraft();
    if (stored) setDraftState(stored);
    setTimer(loadTimer());
    startLedgerSync();
  });

  const update = useCallback((patch: Partial<Draft>) => {
    setDraftState((d) => {
      const next = { ...d, ...patch };
      saveDraft(next);
      return next;
    });
  }, []);

  // a draft without a village takes the first one the counsel serves
  useEffect(() => {
    if (!draft.villageCode && villages[0]) update({ villageCode: villages[0].code });
  }, [draft.villageCode, villages, update]);

  /** Editing a time by hand means it was not timed on site. */
  function updateTime(patch: Partial<Draft>) {
    update({ ...patch, viaTimer: false });
  }

  const villageIndex = Math.max(
    0,
    villages.findIndex((v) => v.code === draft.villageCode),
  );
  const village = villages.find((v) => v.code === draft.villageCode) ?? null;
  const kindIndex = Math.max(0, LEDGER_KIND_LIST.indexOf(draft.kind));
  const minutes = minutesOf(draft);

  /**
   * never rejects: the check-in starts at once and its position is added when it comes. Without the
   * position (refused under WeChat's privacy guide, or unavailable) it is recorded without one.
   */
  async function startTimer() {
    if (!village) {
      action.fail('请先选择服务的村（社区）');
      return;
    }
    action.clear();
    const t: Timer = { villageCode: village.code, startAt: new Date().toISOString(), location: null };
    saveTimer(t);
    setTimer(t);
    const { location, refused } = await currentLocation();
    // the check-in may have ended while the position was awaited
    if (loadTimer()?.startAt !== t.startAt) return;
    if (location) {
      const withLocation = { ...t, location };
      saveTimer(withLocation);
      setTimer(withLocation);
    } else if (refused) {
      action.fail('您未同意《隐私保护指引》，本次驻点不记录签到位置，台账照常登记；下次开始驻点时可重新选择。');
    }
  }

  function stopTimer() {
    if (!timer) return;
    const start = new Date(timer.startAt);
    const end = new Date();
    update({
      villageCode: timer.villageCode,
      kind: 'on_site_duty',
      mode: 'on_site',
      startDate: beijingDate(start),
      startTime: beijingTime(start),
      endDate: beijingDate(end),
      endTime: beijingTime(end),
      viaTimer: true,
      location: timer.location,
    });
    clearTimer();
    setTimer(null);
    action.succeed('已结束驻点，请填写服务内容后提交');
  }

  function validate(): string | null {
    if (!village) return '请选择服务的村（社区）';
    if (isNaN(minutes)) return '请选择开始和结束时间';
    if (minutes <= 0) return '结束时间应晚于开始时间';
    if (minutes > MAX_ENTRY_HOURS * 60) return `一次服务不能超过 ${MAX_ENTRY_HOURS} 小时`;
    if (draft.kind === 'lecture' && !(Number(draft.attendees) > 0)) return '法治讲座请填写参加人数';
    if (countChars(draft.summary.trim()) < 2) return '请填写服务内容';
    if (draft.attendees && !/^\d+$/.test(draft.attendees.trim())) return '参加人数应为整数';
    const late = draft.lateReason.trim();
    if (late && countChars(late) < 2) return '补登原因至少 2 个字';
    return null;
  }

  function submit() {
    const problem = validate();
    if (problem) {
      action.fail(problem);
      return;
    }
    // the key is made once per entry and kept with the draft: every resend uses it
    const clientKey = draft.clientKey ?? newClientKey('lg');
    if (!draft.clientKey) update({ clientKey });
    const body: SubmitLedgerEntryBody = {
      clientKey,
      villageCode: draft.villageCode,
      kind: draft.kind,
      mode: draft.mode,
      startAt: isoFromPicker(draft.startDate, draft.startTime),
      endAt: isoFromPicker(draft.endDate, draft.endTime),
      summary: draft.summary.trim(),
      viaTimer: draft.viaTimer,
    };
    if (draft.kind === 'lecture' && draft.attendees.trim()) body.attendees = Number(draft.attendees.trim());
    if (draft.location) body.location = draft.location;
    if (draft.correctsEntryId) body.correctsEntryId = draft.correctsEntryId;
    if (draft.lateReason.trim()) body.lateReason = draft.lateReason.trim();
    if (draft.servedUserId) body.servedUserId = draft.servedUserId;

    // WeChat's sheet first, from this tap; the entry is sent whatever the answer
    const asked = action.busy ? Promise.resolve() : subscribe.ask();
    void action.run(
      async () => {
        await asked;
        enqueue(body, `${LEDGER_KIND_LABELS[draft.kind]} · ${village!.name} · ${draft.startDate}`);
        const r = await flush();
        const refused = r.dropped.find((d) => d.body.clientKey === clientKey);
        if (r.sent.some((e) => e.clientKey === clientKey)) {
          clearDraft();
          setDraftState(emptyDraft(draft.villageCode));
          return '已提交，等待司法所审核';
        }
        if (refused) {
          // not recorded: keep the draft (and its key) so it can be fixed and sent again
          forgetDropped(clientKey);
          throw new Error(refused.message);
        }
        if (queued().some((q) => q.body.clientKey === clientKey)) {
          clearDraft();
          setDraftState(emptyDraft(draft.villageCode));
          return '网络不通，已保存在手机上，联网后会自动同步';
        }
        return null;
      },
      { ok: (message) => message },
    );
  }

  function reset() {
    clearDraft();
    setDraftState(emptyDraft(draft.villageCode || villages[0]?.code || ''));
    action.clear();
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">登记工作台账</View>
        <View className="subtitle">如实登记每次服务，提交后由司法所审核</View>
      </View>
      <QueueStatus />
      <Feedback of={action} />
      <PrivacyPopup />

      <View className="card" id="timer">
        <View className="section-title">驻点计时</View>
        {timer ? (
          <View>
            <View id="timer-status">
              正在驻点：{villages.find((v) => v.code === timer.villageCode)?.name ?? timer.villageCode}，自{' '}
              {formatBeijing(timer.startAt, 'time')} 起{timer.location ? '（已记录位置）' : ''}
            </View>
            <Button id="timer-stop" onClick={stopTimer}>
              结束驻点
            </Button>
          </View>
        ) : (
          <View>
            <View className="muted">到村后点“开始驻点”，离开时点“结束驻点”，时间自动填入</View>
            <Button light id="timer-start" disabled={!village} onClick={() => void startTimer()}>
              开始驻点{village ? `（${village.name}）` : ''}
            </Button>
          </View>
        )}
      </View>

      <View className="card">
        {draft.correctsEntryId && (
          <View className="tag" id="entry-correcting">
            更正已登记的记录
          </View>
        )}
        <Field label="服务村（社区）">
          <Picker
            mode="selector"
            range={villages.map((v) => v.name)}
            value={villageIndex}
            onChange={(e) => {
              const v = villages[Number(e.detail.value)];
              if (v) update({ villageCode: v.code });
            }}
          >
            <View className="input input-picker" id="entry-village">
              {village?.name ?? '请选择'}
            </View>
          </Picker>
        </Field>
        <Field label="服务类型">
          <Picker
            mode="selector"
            range={LEDGER_KIND_LIST.map((k) => LEDGER_KIND_LABELS[k])}
            value={kindIndex}
            onChange={(e) => {
              const k = LEDGER_KIND_LIST[Number(e.detail.value)];
              if (k) update({ kind: k });
            }}
          >
            <View className="input input-picker" id="entry-kind">
              {LEDGER_KIND_LABELS[draft.kind]}
            </View>
          </Picker>
        </Field>
        <Field label="服务方式">
          <View className="row">
            {(['on_site', 'remote'] as LedgerMode[]).map((m) => (
              <View key={m} className={m === 'on_site' ? 'grow gap-right' : 'grow'}>
                <Button small light={draft.mode !== m} id={`entry-mode-${m}`} onClick={() => update({ mode: m })}>
                  {LEDGER_MODE_LABELS[m]}
                </Button>
              </View>
            ))}
          </View>
        </Field>
        <Field label="开始时间">
          <View className="row">
            <Picker mode="date" value={draft.startDate} onChange={(e) => updateTime({ startDate: String(e.detail.value) })}>
              <View className="input input-picker input-picker-first" id="entry-start-date">
                {draft.startDate}
              </View>
            </Picker>
            <Picker mode="time" value={draft.startTime} onChange={(e) => updateTime({ startTime: String(e.detail.value) })}>
              <View className="input input-picker" id="entry-start-time">
                {draft.startTime}
              </View>
            </Picker>
          </View>
        </Field>
        <Field label="结束时间">
          <View className="row">
            <Picker mode="date" value={draft.endDate} onChange={(e) => updateTime({ endDate: String(e.detail.value) })}>
              <View className="input input-picker input-picker-first" id="entry-end-date">
                {draft.endDate}
              </View>
            </Picker>
            <Picker mode="time" value={draft.endTime} onChange={(e) => updateTime({ endTime: String(e.detail.value) })}>
              <View className="input input-picker" id="entry-end-time">
                {draft.endTime}
              </View>
            </Picker>
          </View>
          <View className="muted" id="entry-duration">
            {isNaN(minutes) || minutes <= 0 ? '时间不正确' : `共 ${hours(minutes)} 小时`}
            {draft.viaTimer ? '（驻点计时）' : ''}
          </View>
        </Field>
        {draft.kind === 'lecture' && (
          <Field label="参加人数">
            <Input
              id="entry-attendees"
              className="input"
              type="number"
              value={draft.attendees}
              placeholder="如：30"
              onInput={(e) => update({ attendees: e.detail.value })}
            />
          </Field>
        )}
        <Field label="服务对象（可选：写明后，村民可以评价这次服务）">
          <ServedPicker
            villageCode={draft.villageCode}
            value={draft.servedUserId ?? null}
            onChange={(servedUserId) => update({ servedUserId })}
          />
        </Field>
        <Field label="服务内容">
          <Textarea
            id="entry-summary"
            className="input textarea textarea-h120"
            value={draft.summary}
            maxlength={inputMaxLength(2000)}
            placeholder="如：接待村民咨询土地承包问题 3 人次"
            onInput={(e) => update({ summary: e.detail.value })}
          />
        </Field>
        <Field label="补登原因（该月台账已锁定时必填）">
          <Input
            id="entry-late-reason"
            className="input"
            value={draft.lateReason}
            maxlength={inputMaxLength(500)}
            placeholder="如：当月在外培训，返回后补登"
            onInput={(e) => update({ lateReason: e.detail.value })}
          />
        </Field>
      </View>

      <Button id="entry-submit" loading={action.busy} onClick={submit}>
        {action.busy ? '正在提交…' : '提交'}
      </Button>
      <Button light id="entry-reset" onClick={reset}>
        清空重填
      </Button>
      <Button light id="goto-entries" onClick={() => goto('ledgerEntries')}>
        我的台账
      </Button>
    </Screen>
  );
}
