import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { LectureCheckinReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { goto } from '../../shared/nav';
import { saveSession } from '../../shared/session';
import { weappLogin } from '../../pages/login/weapp';
import { LectureFacts } from '../components/LectureFacts';
import { checkinTarget } from '../services/qr';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * 讲座签到 (issue 17 item 1), opened by the code the counsel shows at the lecture: the weapp gets
 * the lecture and its secret as the code's `scene`, H5 as `id` and `code`. A signed-in person of
 * the village is checked in at once (a second time shows the same check-in); every refusal
 * (another village's lecture, a wrong code, not the lecture's day, cancelled) is the server's message.
 */
export default function LectureCheckin() {
  const { t } = useTranslation('lectures');
  const router = useRouter();
  const session = useSession();
  const action = useAction();
  const { run, fail } = action;
  const [done, setDone] = useState<LectureCheckinReply | null>(null);
  const target = checkinTarget(router.params);

  const checkIn = useCallback(() => {
    if (!target) return fail(t('checkin.badLink'));
    void run(async () =>
      setDone(await call('checkInLecture', { params: { lectureId: target.id }, body: { code: target.code } })),
    );
    // the target is read from the page's query, which does not change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, fail, t, target?.id, target?.code]);

  const loggedIn = !!session;
  useEffect(() => {
    if (loggedIn) checkIn();
  }, [loggedIn, checkIn]);

  function login() {
    if (!isWeapp) return goto('login');
    void run(async () => saveSession(await weappLogin()));
  }

  return (
    <Screen title={t('title.checkin')}>
      {!session && (
        <View className="card" id="checkin-need-login">
          <View>{t('checkin.needLogin')}</View>
          <Button id="checkin-login" loading={action.busy} onClick={login}>
            {isWeapp ? t('checkin.login') : t('checkin.goLogin')}
          </Button>
        </View>
      )}
      {session && !done && action.busy && <View className="muted">{t('checkin.working')}</View>}
      {done && (
        <View className="card" id="checkin-done">
          <View className="title ok" id="checkin-done-title">
            {t('checkin.done')}
          </View>
          <View id="checkin-done-name">{t('checkin.doneAs', { name: done.name })}</View>
          <LectureFacts lecture={done.lecture} id="checkin-lecture" />
          <Button light id="checkin-to-detail" onClick={() => goto('lecturesDetail', { id: done.lecture.id })}>
            {t('checkin.toDetail')}
          </Button>
        </View>
      )}
      {session && !done && action.error && (
        <View className="card">
          <PageError message={action.error} />
          {target && (
            <Button light id="checkin-retry" loading={action.busy} onClick={checkIn}>
              {t('checkin.retry')}
            </Button>
          )}
        </View>
      )}
    </Screen>
  );
}
