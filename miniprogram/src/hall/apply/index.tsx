import { useState, type ReactNode } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CounselCard, DisputeKind, OpenCaseBody } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { isoFromPicker } from '../../shared/time';
import { DocPhotoPicker } from '../components/DocPhotoPicker';
import { COMPLAINT_ABOUTS, DISPUTE_KINDS, nextWeekday, type ComplaintAbout } from '../services/hall';
import { useSend } from '../services/useSend';

type Kind = 'mediation' | 'booking' | 'complaint';
const KINDS: Kind[] = ['mediation', 'booking', 'complaint'];
/** A body without its key and photos, kind by kind (Omit of a union would merge the kinds). */
type Draft = OpenCaseBody extends infer U ? (U extends unknown ? Omit<U, 'clientKey' | 'photoIds'> : never) : never;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="mb-m">
      <View className="muted">{label}</View>
      {children}
    </View>
  );
}

/**
 * 人民调解 / 预约法律顾问 / 投诉建议 (issue 16), by `kind`: one form each, sent as a case of that
 * kind; the case page then shows where it stands.
 */
export default function HallApply() {
  const { t } = useTranslation(['hall', 'labels']);
  const router = useRouter();
  const kind = (KINDS as string[]).includes(router.params.kind ?? '') ? (router.params.kind as Kind) : null;
  const [counsel, setCounsel] = useState<CounselCard[] | null>(null);
  const [unbound, setUnbound] = useState(false);
  const [account, setAccount] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [dispute, setDispute] = useState<DisputeKind | null>(null);
  const [otherName, setOtherName] = useState('');
  const [otherPhone, setOtherPhone] = useState('');
  const [date, setDate] = useState(() => nextWeekday());
  const [time, setTime] = useState('09:00');
  const [about, setAbout] = useState<ComplaintAbout>('service');
  const [counselId, setCounselId] = useState<string | null>(null);
  const action = useAction();
  const send = useSend(kind ?? 'case');

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const village = session.user.village;
    if (!village) {
      setUnbound(true);
      return;
    }
    if (kind && kind !== 'mediation' && !counsel)
      call('noticeBoard', { params: { villageCode: village.code } })
        .then((b) => setCounsel(b.counsel))
        .catch(() => setCounsel([]));
  });

  if (!kind)
    return (
      <Screen title={t('index.title')}>
        <PageError message={t('apply.noSuchService')} />
      </Screen>
    );
  if (unbound)
    return (
      <Screen title={t('index.title')}>
        <View className="card" id="hall-unbound">
          <View>{t('apply.unbound')}</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            {t('goBind')}
          </Button>
        </View>
      </Screen>
    );

  /** The body to send, or what is missing in plain words (nothing is sent then). */
  function bodyOf(): Draft | string {
    const text = account.trim();
    if (kind === 'mediation') {
      if (!dispute) return t('apply.errors.dispute');
      if (countChars(text) < 2) return t('apply.errors.mediationAccount');
      if (!otherName.trim()) return t('apply.errors.otherName');
      const phone = otherPhone.trim();
      if (phone && !/^1\d{10}$/.test(phone)) return t('apply.errors.otherPhone');
      return {
        kind: 'mediation',
        disputeKind: dispute,
        account: text,
        otherPartyName: otherName.trim(),
        ...(phone ? { otherPartyPhone: phone } : {}),
      };
    }
    if (kind === 'booking') {
      if (countChars(text) < 2) return t('apply.errors.bookingTopic');
      const at = isoFromPicker(date, time);
      if (!(Date.parse(at) > Date.now())) return t('apply.errors.past');
      return { kind: 'booking', at, topic: text };
    }
    if (about === 'counsel' && !counselId) return t('apply.errors.counsel');
    if (countChars(text) < 2) return t('apply.errors.complaintAccount');
    return { kind: 'complaint', about, ...(about === 'counsel' ? { counselId: counselId! } : {}), account: text };
  }

  function submit() {
    const body = bodyOf();
    if (typeof body === 'string') return action.fail(body);
    const clientKey = send.keyFor({ body, photos });
    void action.run(async () => {
      const photoIds = await send.upload(photos);
      const c = await call('openCase', {
        body: { ...body, clientKey, ...(photoIds.length ? { photoIds } : {}) },
      });
      send.done();
      replaceWith('hallCase', { id: c.id });
    });
  }

  const disputeIndex = dispute ? DISPUTE_KINDS.indexOf(dispute) : -1;
  const accountLabel =
    kind === 'mediation'
      ? t('apply.accountMediation')
      : kind === 'booking'
        ? t('apply.accountBooking')
        : t('apply.accountComplaint');
  return (
    <Screen title={t('index.title')}>
      <View className="card">
        <View className="title" id="apply-title">
          {t(`apply.${kind}.title`)}
        </View>
        <View className="subtitle">{t(`apply.${kind}.note`)}</View>
      </View>
      <Feedback of={action} />
      <View className="card" id="apply-form">
        {kind === 'mediation' && (
          <Field label={t('apply.disputeKind')}>
            <Picker
              id="apply-dispute-picker"
              mode="selector"
              range={DISPUTE_KINDS.map((k) => t(`labels:disputeKind.${k}`))}
              value={Math.max(0, disputeIndex)}
              onChange={(e) => {
                const k = DISPUTE_KINDS[Number(e.detail.value)];
                if (k) setDispute(k);
              }}
            >
              <View className="input input-picker" id="apply-dispute">
                {dispute ? t(`labels:disputeKind.${dispute}`) : t('pickPlaceholder')}
              </View>
            </Picker>
          </Field>
        )}
        {kind === 'booking' && (
          <Field label={t('apply.time')}>
            <View className="row">
              <Picker id="apply-date-picker" mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
                <View className="input input-picker input-picker-first" id="apply-date">
                  {date}
                </View>
              </Picker>
              <Picker id="apply-time-picker" mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
                <View className="input input-picker" id="apply-time">
                  {time}
                </View>
              </Picker>
            </View>
            <View className="muted">{t('apply.timeNote')}</View>
            {counsel?.map((c) => (
              <View key={c.id} className="muted" id={`apply-hours-${c.id}`}>
                {t('apply.counselHours', { name: c.name, hours: c.onSiteHours })}
              </View>
            ))}
          </Field>
        )}
        {kind === 'complaint' && (
          <Field label={t('apply.about')}>
            <View className="row wrap">
              {COMPLAINT_ABOUTS.map((a) => (
                <View key={a} className="gap-right">
                  <Button small light={about !== a} id={`apply-about-${a}`} onClick={() => setAbout(a)}>
                    {t(`complaintAbout.${a}`)}
                  </Button>
                </View>
              ))}
            </View>
            {about === 'counsel' && (
              <View id="apply-counsel">
                {counsel && counsel.length === 0 && <View className="muted">{t('apply.noCounsel')}</View>}
                {counsel?.map((c) => (
                  <Button
                    key={c.id}
                    small
                    light={counselId !== c.id}
                    id={`apply-counsel-${c.id}`}
                    onClick={() => setCounselId(c.id)}
                  >
                    {t('apply.counselChoice', { name: c.name, organization: c.organization })}
                  </Button>
                ))}
              </View>
            )}
            <View className="muted mt-s" id="apply-complaint-note">
              {t('apply.complaintNote')}
            </View>
          </Field>
        )}
        <Field label={accountLabel}>
          <Textarea
            id="apply-account"
            className="input textarea textarea-h160"
            value={account}
            maxlength={inputMaxLength(kind === 'booking' ? 500 : 2000)}
            placeholder={kind === 'mediation' ? t('apply.placeholderMediation') : t('apply.placeholderOther')}
            onInput={(e) => setAccount(e.detail.value)}
          />
        </Field>
        {kind === 'mediation' && (
          <View>
            <Field label={t('apply.otherName')}>
              <Input
                id="apply-other-name"
                className="input"
                value={otherName}
                maxlength={20}
                placeholder={t('apply.otherNamePlaceholder')}
                onInput={(e) => setOtherName(e.detail.value)}
              />
            </Field>
            <Field label={t('apply.otherPhone')}>
              <Input
                id="apply-other-phone"
                className="input"
                type="number"
                value={otherPhone}
                maxlength={11}
                placeholder={t('apply.otherPhonePlaceholder')}
                onInput={(e) => setOtherPhone(e.detail.value)}
              />
              <View className="muted" id="apply-phone-note">
                {t('apply.phoneNote')}
              </View>
            </Field>
          </View>
        )}
        <Field label={t('apply.photos')}>
          <DocPhotoPicker id="apply-photos" value={photos} onChange={setPhotos} />
        </Field>
        <Button id="apply-submit" loading={action.busy} onClick={submit}>
          {t('submit')}
        </Button>
      </View>
    </Screen>
  );
}
