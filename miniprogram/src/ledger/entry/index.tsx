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
import { LEDGER_KIND_LIST, hours } from '../services/format';
import { enqueue, flush, forgetDropped, queued, startLedgerSync } from '../services/queue';
import { Screen } from '../../shared/components/Screen';
import { ServedPicker } from '../components/ServedPicker';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation(['ledger', 'labels']);
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
    if (vs.length === 0) action.fail(t('entry.notCounsel'));
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
      action.fail(t('entry.pickVillageFirst'));
      return;
    }
    action.clear();
    const started: Timer = { villageCode: village.code, startAt: new Date().toISOString(), location: null };
    saveTimer(started);
    setTimer(started);
    const { location, refused } = await currentLocation();
    // the check-in may have ended while the position was awaited
    if (loadTimer()?.startAt !== started.startAt) return;
    if (location) {
      const withLocation = { ...started, location };
      saveTimer(withLocation);
      setTimer(withLocation);
    } else if (refused) {
      action.fail(t('entry.locationRefused'));
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
    action.succeed(t('entry.timerStopped'));
  }

  function validate(): string | null {
    if (!village) return t('entry.invalid.village');
    if (isNaN(minutes)) return t('entry.invalid.times');
    if (minutes <= 0) return t('entry.invalid.order');
    if (minutes > MAX_ENTRY_HOURS * 60) return t('entry.invalid.tooLong', { hours: MAX_ENTRY_HOURS });
    if (draft.kind === 'lecture' && !(Number(draft.attendees) > 0)) return t('entry.invalid.lectureAttendees');
    if (countChars(draft.summary.trim()) < 2) return t('entry.invalid.summary');
    if (draft.attendees && !/^\d+$/.test(draft.attendees.trim())) return t('entry.invalid.attendees');
    const late = draft.lateReason.trim();
    if (late && countChars(late) < 2) return t('entry.invalid.lateReason');
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
        enqueue(body, `${t(`labels:ledgerKind.${draft.kind}`)} · ${village!.name} · ${draft.startDate}`);
        const r = await flush();
        const refused = r.dropped.find((d) => d.body.clientKey === clientKey);
        if (r.sent.some((e) => e.clientKey === clientKey)) {
          clearDraft();
          setDraftState(emptyDraft(draft.villageCode));
          return t('entry.submitted');
        }
        if (refused) {
          // not recorded: keep the draft (and its key) so it can be fixed and sent again
          forgetDropped(clientKey);
          throw new Error(refused.message);
        }
        if (queued().some((q) => q.body.clientKey === clientKey)) {
          clearDraft();
          setDraftState(emptyDraft(draft.villageCode));
          return t('entry.savedOffline');
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
    <Screen title={t('entry.title')}>
      <View className="card">
        <View className="title">{t('entry.title')}</View>
        <View className="subtitle">{t('entry.subtitle')}</View>
      </View>
      <QueueStatus />
      <Feedback of={action} />
      <PrivacyPopup />

      <View className="card" id="timer">
        <View className="section-title">{t('entry.timer.title')}</View>
        {timer ? (
          <View>
            <View id="timer-status">
              {t(timer.location ? 'entry.timer.statusLocated' : 'entry.timer.status', {
                village: villages.find((v) => v.code === timer.villageCode)?.name ?? timer.villageCode,
                time: formatBeijing(timer.startAt, 'time'),
              })}
            </View>
            <Button id="timer-stop" onClick={stopTimer}>
              {t('entry.timer.stop')}
            </Button>
          </View>
        ) : (
          <View>
            <View className="muted">{t('entry.timer.hint')}</View>
            <Button light id="timer-start" disabled={!village} onClick={() => void startTimer()}>
              {village ? t('entry.timer.startAt', { village: village.name }) : t('entry.timer.start')}
            </Button>
          </View>
        )}
      </View>

      <View className="card">
        {draft.correctsEntryId && (
          <View className="tag" id="entry-correcting">
            {t('entry.correcting')}
          </View>
        )}
        <Field label={t('entry.village')}>
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
              {village?.name ?? t('entry.pick')}
            </View>
          </Picker>
        </Field>
        <Field label={t('entry.kind')}>
          <Picker
            mode="selector"
            range={LEDGER_KIND_LIST.map((k) => t(`labels:ledgerKind.${k}`))}
            value={kindIndex}
            onChange={(e) => {
              const k = LEDGER_KIND_LIST[Number(e.detail.value)];
              if (k) update({ kind: k });
            }}
          >
            <View className="input input-picker" id="entry-kind">
              {t(`labels:ledgerKind.${draft.kind}`)}
            </View>
          </Picker>
        </Field>
        <Field label={t('entry.mode')}>
          <View className="row">
            {(['on_site', 'remote'] as LedgerMode[]).map((m) => (
              <View key={m} className={m === 'on_site' ? 'grow gap-right' : 'grow'}>
                <Button small light={draft.mode !== m} id={`entry-mode-${m}`} onClick={() => update({ mode: m })}>
                  {t(`labels:ledgerMode.${m}`)}
                </Button>
              </View>
            ))}
          </View>
        </Field>
        <Field label={t('entry.start')}>
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
        <Field label={t('entry.end')}>
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
            {isNaN(minutes) || minutes <= 0 ? t('entry.duration.invalid') : t('entry.duration.total', { hours: hours(minutes) })}
            {draft.viaTimer ? t('entry.duration.viaTimer') : ''}
          </View>
        </Field>
        {draft.kind === 'lecture' && (
          <Field label={t('entry.attendees')}>
            <Input
              id="entry-attendees"
              className="input"
              type="number"
              value={draft.attendees}
              placeholder={t('entry.attendeesPlaceholder')}
              onInput={(e) => update({ attendees: e.detail.value })}
            />
          </Field>
        )}
        <Field label={t('entry.served')}>
          <ServedPicker
            villageCode={draft.villageCode}
            value={draft.servedUserId ?? null}
            onChange={(servedUserId) => update({ servedUserId })}
          />
        </Field>
        <Field label={t('entry.summary')}>
          <Textarea
            id="entry-summary"
            className="input textarea textarea-h120"
            value={draft.summary}
            maxlength={inputMaxLength(2000)}
            placeholder={t('entry.summaryPlaceholder')}
            onInput={(e) => update({ summary: e.detail.value })}
          />
        </Field>
        <Field label={t('entry.lateReason')}>
          <Input
            id="entry-late-reason"
            className="input"
            value={draft.lateReason}
            maxlength={inputMaxLength(500)}
            placeholder={t('entry.lateReasonPlaceholder')}
            onInput={(e) => update({ lateReason: e.detail.value })}
          />
        </Field>
      </View>

      <Button id="entry-submit" loading={action.busy} onClick={submit}>
        {action.busy ? t('entry.submitting') : t('entry.submit')}
      </Button>
      <Button light id="entry-reset" onClick={reset}>
        {t('entry.reset')}
      </Button>
      <Button light id="goto-entries" onClick={() => goto('ledgerEntries')}>
        {t('entry.entries')}
      </Button>
    </Screen>
  );
}
