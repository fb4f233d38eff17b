import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture, LedgerEntry } from '@vc/types';
import { countChars } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { HostPanel } from '../components/HostPanel';
import { LectureFacts, LectureTags } from '../components/LectureFacts';

/**
 * 讲座详情 (issue 17 item 1): for a villager, signing up and withdrawing; for a counsel serving the
 * village, the check-in code, who came, moving or cancelling it, and 记入台账 (the ledger entry
 * with the attendance from the check-ins).
 */
export default function LectureDetail() {
  const { t } = useTranslation('lectures');
  const router = useRouter();
  const id = router.params.id ?? '';
  const action = useAction();
  // signing up promises the lecture's notices (moved, cancelled, the day before)
  const subscribe = useSubscribe(['lectureUpdate']);
  const [l, setL] = useState<Lecture | null>(null);
  const [entry, setEntry] = useState<LedgerEntry | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  function load() {
    if (!id) return action.fail(t('detail.missingId'));
    call('lecture', { params: { lectureId: id } }).then(setL, action.fail);
  }

  useDidShow(() => {
    if (!getSession()) return replaceWith('login');
    load();
  });

  function signUp(yes: boolean) {
    // first in the tap: WeChat shows its subscribe sheet only from the person's own tap
    if (yes) void subscribe.ask();
    void action.run(
      async () => setL(await call(yes ? 'signUpLecture' : 'withdrawLectureSignup', { params: { lectureId: id }, body: {} })),
      { ok: yes ? t('detail.signedUpOk') : t('detail.withdrawnOk') },
    );
  }

  async function add(name: string): Promise<boolean> {
    if (!name.trim()) {
      action.fail(t('detail.needName'));
      return false;
    }
    const done = await action.run(
      async () => {
        setL(await call('addLectureAttendee', { params: { lectureId: id }, body: { name: name.trim() } }));
        return true;
      },
      { ok: t('detail.added') },
    );
    return done === true;
  }

  function cancel() {
    if (countChars(reason.trim()) < 2) return action.fail(t('detail.needReason'));
    void action.run(
      async () => {
        setL(await call('cancelLecture', { params: { lectureId: id }, body: { reason: reason.trim() } }));
        setCancelling(false);
      },
      {
        ok: t('detail.cancelledOk'),
        confirm: {
          title: t('detail.confirmCancelTitle'),
          content: t('detail.confirmCancelContent'),
          confirmText: t('detail.confirmCancelOk'),
        },
      },
    );
  }

  function record(n: number) {
    void action.run(
      async () => {
        const reply = await call('recordLecture', { params: { lectureId: id }, body: {} });
        setL(reply.lecture);
        setEntry(reply.entry);
      },
      {
        confirm: {
          title: t('detail.confirmRecordTitle'),
          content: t('detail.confirmRecordContent', { n }),
          confirmText: t('detail.confirmRecordOk'),
        },
      },
    );
  }

  if (!l)
    return (
      <Screen title={t('title.detail')}>
        <PageError message={action.error} />
        {!action.error && <View className="muted">{t('detail.loading')}</View>}
      </Screen>
    );

  const live = l.status === 'scheduled';
  return (
    <Screen title={t('title.detail')}>
      <View className="card" id="lecture-facts">
        <LectureTags lecture={l} />
        <LectureFacts lecture={l} />
        <View className="muted" id="lecture-counts">
          {t('detail.counts', { signed: l.signedUp, checked: l.checkedIn })}
        </View>
        {l.cancelReason && <View className="late">{t('detail.cancelledNote', { reason: l.cancelReason })}</View>}
        {l.mine.checkedIn && (
          <View className="ok" id="lecture-mine-checked">
            {t('detail.checkedIn')}
          </View>
        )}
        {!l.host && live && (
          <View className="mt-s">
            {l.mine.signedUp && (
              <View className="ok" id="lecture-mine-signed">
                {t('detail.signedUp')}
              </View>
            )}
            <Button id="lecture-signup" light={l.mine.signedUp} loading={action.busy} onClick={() => signUp(!l.mine.signedUp)}>
              {l.mine.signedUp ? t('detail.withdraw') : t('detail.signUp')}
            </Button>
          </View>
        )}
      </View>
      <Feedback of={action} />
      {l.host && <HostPanel lecture={l} host={l.host} busy={action.busy} onAdd={add} />}
      {(entry || l.ledgerEntryId) && l.host && (
        <View className="card" id="lecture-recorded">
          <View className="bold" id="lecture-recorded-count">
            {t('detail.recorded', { n: entry?.attendees ?? l.host.attendees.length })}
          </View>
          <View id="lecture-recorded-names">
            {t('detail.recordedNames', {
              names: (entry?.attendeeNames ?? l.host.attendees.map((a) => a.name)).join('、'),
            })}
          </View>
          <Button light id="lecture-open-ledger" onClick={() => goto('ledgerEntries')}>
            {t('detail.openLedger')}
          </Button>
        </View>
      )}
      {l.host && live && !l.ledgerEntryId && (
        <View className="card" id="lecture-host-acts">
          <Button id="lecture-record" loading={action.busy} onClick={() => record(l.host!.attendees.length)}>
            {t('detail.record')}
          </Button>
          <Button light id="lecture-move" onClick={() => goto('lecturesAnnounce', { id: l.id })}>
            {t('detail.move')}
          </Button>
          {cancelling ? (
            <View>
              <View className="muted">{t('detail.cancelReason')}</View>
              <Input
                id="lecture-cancel-reason"
                className="input"
                value={reason}
                maxlength={60}
                placeholder={t('detail.cancelHint')}
                onInput={(e) => setReason(e.detail.value)}
              />
              <Button light id="lecture-cancel-confirm" loading={action.busy} onClick={cancel}>
                {t('detail.cancel')}
              </Button>
            </View>
          ) : (
            <Button light id="lecture-cancel" onClick={() => setCancelling(true)}>
              {t('detail.cancel')}
            </Button>
          )}
        </View>
      )}
    </Screen>
  );
}
