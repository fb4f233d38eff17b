import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Picker, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture } from '@vc/types';
import { countChars } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { newClientKey } from '../../shared/clientKey';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { replaceWith } from '../../shared/nav';
import { beijingDate, beijingTime, isoFromPicker } from '../../shared/time';

const DURATIONS = [30, 45, 60, 90, 120, 180];

/**
 * 预告讲座 (issue 17 item 1): a counsel announces a lecture in a village they serve; with `id`,
 * the same form moves it (a new time, length or place; the topic stays).
 */
export default function AnnounceLecture() {
  const { t } = useTranslation('lectures');
  const router = useRouter();
  const editing = router.params.id ?? '';
  const session = useSession();
  const action = useAction();
  const villages = (session?.user.roles ?? []).filter((g) => g.role === 'counsel' && g.placeCode.length === 12);
  const [villageIndex, setVillageIndex] = useState(0);
  const [topic, setTopic] = useState('');
  const [date, setDate] = useState(beijingDate(new Date(Date.now() + 24 * 3600_000)));
  const [time, setTime] = useState('09:30');
  const [duration, setDuration] = useState(90);
  const [place, setPlace] = useState('');
  const [audience, setAudience] = useState('');
  const [original, setOriginal] = useState<Lecture | null>(null);
  // one key per announcement: a retried tap is the same announcement
  const key = useRef(newClientKey('lc'));

  useEffect(() => {
    if (!editing) return;
    call('lecture', { params: { lectureId: editing } }).then((l) => {
      setOriginal(l);
      setTopic(l.topic);
      setDate(beijingDate(new Date(l.startAt)));
      setTime(beijingTime(new Date(l.startAt)));
      setDuration(l.durationMinutes);
      setPlace(l.place);
      setAudience(l.audience);
    }, action.fail);
  }, [editing, action.fail]);

  function submit() {
    const startAt = isoFromPicker(date, time);
    if (!(Date.parse(startAt) > Date.now())) return action.fail(t('form.past'));
    if (countChars(place.trim()) < 2) return action.fail(t('form.needPlace'));
    if (editing) {
      void action.run(
        async () => {
          const l = await call('moveLecture', {
            params: { lectureId: editing },
            body: { startAt, durationMinutes: duration, place: place.trim() },
          });
          replaceWith('lecturesDetail', { id: l.id });
        },
        { toast: t('form.saved') },
      );
      return;
    }
    const village = villages[villageIndex];
    if (!village) return action.fail(t('form.needVillage'));
    if (countChars(topic.trim()) < 2) return action.fail(t('form.needTopic'));
    if (countChars(audience.trim()) < 2) return action.fail(t('form.needAudience'));
    void action.run(
      async () => {
        const l = await call('announceLecture', {
          params: { villageCode: village.placeCode },
          body: {
            clientKey: key.current,
            topic: topic.trim(),
            startAt,
            durationMinutes: duration,
            place: place.trim(),
            audience: audience.trim(),
          },
        });
        replaceWith('lecturesDetail', { id: l.id });
      },
      { toast: t('form.published') },
    );
  }

  return (
    <Screen title={editing ? t('title.move') : t('title.announce')}>
      <View className="card">
        {!editing && villages.length > 1 && (
          <View className="mb-s">
            <View className="muted">{t('form.village')}</View>
            <Picker
              id="announce-village"
              mode="selector"
              range={villages.map((v) => v.placeName)}
              value={villageIndex}
              onChange={(e) => setVillageIndex(Number(e.detail.value))}
            >
              <View className="input">{villages[villageIndex]?.placeName}</View>
            </Picker>
          </View>
        )}
        <View className="muted">{t('form.topic')}</View>
        {editing ? (
          <View className="item-title mb-s" id="announce-topic-fixed">
            {original?.topic}
          </View>
        ) : (
          <Input
            id="announce-topic"
            className="input"
            value={topic}
            maxlength={60}
            placeholder={t('form.topicHint')}
            onInput={(e) => setTopic(e.detail.value)}
          />
        )}
        <View className="row">
          <View className="grow">
            <View className="muted">{t('form.date')}</View>
            <Picker id="announce-date" mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
              <View className="input">{date}</View>
            </Picker>
          </View>
          <View className="grow">
            <View className="muted">{t('form.time')}</View>
            <Picker id="announce-time" mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className="input">{time}</View>
            </Picker>
          </View>
        </View>
        <View className="muted">{t('form.duration')}</View>
        <Picker
          id="announce-duration"
          mode="selector"
          range={DURATIONS.map((n) => t('form.minutes', { n }))}
          value={Math.max(0, DURATIONS.indexOf(duration))}
          onChange={(e) => setDuration(DURATIONS[Number(e.detail.value)] ?? 90)}
        >
          <View className="input">{t('form.minutes', { n: duration })}</View>
        </Picker>
        <View className="muted">{t('form.place')}</View>
        <Input
          id="announce-place"
          className="input"
          value={place}
          maxlength={60}
          placeholder={t('form.placeHint')}
          onInput={(e) => setPlace(e.detail.value)}
        />
        {!editing && (
          <>
            <View className="muted">{t('form.audience')}</View>
            <Input
              id="announce-audience"
              className="input"
              value={audience}
              maxlength={60}
              placeholder={t('form.audienceHint')}
              onInput={(e) => setAudience(e.detail.value)}
            />
          </>
        )}
        <View className="muted my-s">{editing ? t('form.moveNote') : t('form.note')}</View>
        <Button id="announce-submit" loading={action.busy} onClick={submit}>
          {editing ? t('form.save') : t('form.submit')}
        </Button>
      </View>
      <Feedback of={action} />
    </Screen>
  );
}
