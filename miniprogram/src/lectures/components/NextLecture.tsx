import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture, Me } from '@vc/types';
import { call } from '../../shared/api';
import { goto } from '../../shared/nav';
import { LectureFacts } from './LectureFacts';

/**
 * The home page's card of the next lecture in the person's village (issue 17 item 1), for people
 * of a village; nothing while there is none or the list cannot be read.
 */
export function NextLecture({ user }: { user: Me }) {
  const { t } = useTranslation('lectures');
  const villageCode = user.roles.find((g) => g.role === 'villager')?.placeCode ?? null;
  const [next, setNext] = useState<Lecture | null>(null);
  useEffect(() => {
    if (!villageCode) return;
    let alive = true;
    call('villageLectures', { params: { villageCode } })
      .then((r) => alive && setNext(r.items[0] ?? null))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [villageCode]);
  if (!next) return null;
  return (
    <View id="home-next-lecture" className="card" hoverClass="btn-hover" onClick={() => goto('lecturesDetail', { id: next.id })}>
      <View className="section-title">{t('next.title')}</View>
      <LectureFacts lecture={next} />
      <View className="link">{next.mine.signedUp ? t('next.signedUp') : t('next.open')}</View>
    </View>
  );
}
