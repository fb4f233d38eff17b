import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
import { useSession } from '../../shared/hooks/useSession';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { LectureFacts, LectureTags } from '../components/LectureFacts';

/**
 * 普法讲座 (issue 17 item 1): a villager's upcoming lectures of their village, each with 报名; a
 * counsel's own announcements and 预告讲座. A person with both roles sees both parts.
 */
export default function LectureList() {
  const { t } = useTranslation('lectures');
  const session = useSession();
  const action = useAction();
  // signing up promises the lecture's notices (moved, cancelled, the day before)
  const subscribe = useSubscribe(['lectureUpdate']);
  const [village, setVillage] = useState<Lecture[] | null>(null);
  const [mine, setMine] = useState<Lecture[] | null>(null);
  const roles = session?.user.roles ?? [];
  const villageCode = roles.find((g) => g.role === 'villager')?.placeCode ?? null;
  const counsel = roles.some((g) => g.role === 'counsel');

  function load() {
    if (villageCode)
      call('villageLectures', { params: { villageCode } })
        .then((r) => setVillage(r.items))
        .catch(action.fail);
    if (counsel)
      call('myLectures')
        .then((r) => setMine(r.items))
        .catch(action.fail);
  }

  useDidShow(() => {
    if (!getSession()) return replaceWith('login');
    load();
  });

  function signUp(id: string) {
    // first in the tap: WeChat shows its subscribe sheet only from the person's own tap
    void subscribe.ask();
    void action.run(
      async () => {
        const updated = await call('signUpLecture', { params: { lectureId: id }, body: {} });
        setVillage((list) => list?.map((l) => (l.id === id ? updated : l)) ?? list);
      },
      { ok: t('detail.signedUpOk') },
    );
  }

  return (
    <Screen title={t('title.list')}>
      <Feedback of={action} />
      {counsel && (
        <View className="card" id="lectures-mine">
          <View className="section-title">{t('list.mineTitle')}</View>
          <Button id="lectures-announce" onClick={() => goto('lecturesAnnounce')}>
            {t('list.announce')}
          </Button>
          {mine && mine.length === 0 && <View className="muted">{t('list.mineNone')}</View>}
          {mine?.map((l) => (
            <View
              key={l.id}
              id={`lecture-${l.id}`}
              className="list-item"
              hoverClass="btn-hover"
              onClick={() => goto('lecturesDetail', { id: l.id })}
            >
              <LectureTags lecture={l} />
              <LectureFacts lecture={l} />
              <View className="muted">{t('list.signedCount', { n: l.signedUp })}</View>
            </View>
          ))}
        </View>
      )}
      {villageCode && (
        <View className="card" id="lectures-village">
          <View className="section-title">{t('list.villageTitle')}</View>
          {village && village.length === 0 && <View className="muted">{t('list.none')}</View>}
          {village?.map((l) => (
            <View key={l.id} id={`lecture-${l.id}`} className="list-item">
              <LectureTags lecture={l} />
              <View hoverClass="btn-hover" onClick={() => goto('lecturesDetail', { id: l.id })}>
                <LectureFacts lecture={l} />
              </View>
              {l.mine.signedUp ? (
                <View className="ok" id={`lecture-signed-${l.id}`}>
                  {t('list.signedUp')}
                </View>
              ) : (
                <Button small id={`lecture-signup-${l.id}`} loading={action.busy} onClick={() => signUp(l.id)}>
                  {t('list.signUp')}
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
