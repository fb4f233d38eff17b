import { useCallback, useMemo, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Button as NativeButton, Image, Input, Textarea, View } from '@tarojs/components';
import type { CounselProfile, CounselProfileChange } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PrivacyPopup } from '../../shared/components/PrivacyPopup';
import { isPrivacyRefusal } from '../../shared/privacy';
import { PageError } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ProfileHistory } from '../components/ProfileHistory';
import {
  bodyOf,
  choosePhoto,
  formOf,
  loadHistory,
  loadProfile,
  modeOf,
  phoneFromWechat,
  photoSource,
  saveProfile,
  uploadProfilePhoto,
  type ProfileForm,
} from '../services/profile';
import { inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

function Field(props: { id: string; label: string; value: string; placeholder?: string; onInput: (v: string) => void }) {
  return (
    <View className="mb-s">
      <View className="muted">{props.label}</View>
      <Input
        id={props.id}
        className="input"
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
    </View>
  );
}

/**
 * A counsel's profile (法律顾问资料): the counsel keeps their own; county staff open it from the
 * assignment screen (?countyCode=&counselId=) to correct it. Every change is recorded and listed below.
 */
export default function CounselProfilePage() {
  const router = useRouter();
  const { countyCode, counselId } = router.params;
  const mode = useMemo(() => modeOf({ countyCode, counselId }), [countyCode, counselId]);
  const { t } = useTranslation('counsel');
  const profile = useLoad<CounselProfile>();
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [history, setHistory] = useState<CounselProfileChange[]>([]);
  const action = useAction();
  const { load } = profile;

  const refreshHistory = useCallback(() => {
    loadHistory(mode).then(setHistory, () => undefined);
  }, [mode]);

  /** Shows a profile the server answered, the form and the history with it. */
  const show = useCallback(
    (p: CounselProfile) => {
      profile.setData(p);
      setForm(formOf(p));
      refreshHistory();
    },
    [profile, refreshHistory],
  );

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    // who may open which profile is the server's to say (a counsel not yet assigned has no village grant)
    load(async () => {
      const p = await loadProfile(mode);
      setForm(formOf(p));
      refreshHistory();
      return p;
    });
  });

  function set<K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    if (action.ok) action.clear();
  }

  function save() {
    const p = profile.data;
    if (!p || !form) return;
    const checked = bodyOf(form, p);
    if ('error' in checked) {
      action.fail(checked.error);
      return;
    }
    void action.run(async () => show(await saveProfile(mode, checked.body)), { ok: t('profile.saved') });
  }

  async function pickPhoto() {
    const { photos, refused, tooLarge } = await choosePhoto();
    if (refused) action.fail(t('profile.photoRefused'));
    if (tooLarge) action.fail(tooLarge);
    const path = photos[0]?.path;
    if (!path) return;
    void action.run(
      async () => {
        const p = await uploadProfilePhoto(mode, path);
        show(p);
        if (p.newPhoto?.check === 'pending') void awaitPhotoVerdict();
      },
      { ok: t('profile.photoUploaded') },
    );
  }

  /**
   * WeChat's verdict on a new photo arrives later (media_check_async): look again a few times so the
   * photo appears once passed, or the reason once withdrawn. Only the photo fields are taken, so
   * what is being typed in the form stays.
   */
  async function awaitPhotoVerdict() {
    for (let i = 0; i < 20; i += 1) {
      await new Promise((r) => setTimeout(r, 1500));
      const latest = await loadProfile(mode).catch(() => null);
      if (!latest) continue;
      profile.setData((current) => (current ? { ...current, photoUrl: latest.photoUrl, newPhoto: latest.newPhoto } : latest));
      if (latest.newPhoto?.check !== 'pending') return;
    }
  }

  function onWechatPhone(detail: { code?: string; errMsg?: string }) {
    if (!detail.code) {
      action.fail(isPrivacyRefusal(detail) ? t('profile.phoneRefused') : t('profile.phoneDenied'));
      return;
    }
    const code = detail.code;
    void action.run(async () => show(await phoneFromWechat(code)), { ok: t('profile.phoneUsed') });
  }

  const p = profile.data;
  return (
    <Screen title={t('profile.title')}>
      <View className="card">
        <View className="title">{t('profile.title')}</View>
        <View className="subtitle">{mode.kind === 'county' ? t('profile.subtitleCounty') : t('profile.subtitleSelf')}</View>
      </View>
      <PageError message={profile.error} />
      <Feedback of={action} />
      {mode.kind === 'self' && <PrivacyPopup />}
      {!p || !form ? (
        !profile.error && (
          <View className="muted" id="loading">
            {t('loading')}
          </View>
        )
      ) : (
        <View>
          <View className="card row">
            {p.photoUrl ? (
              <Image id="profile-photo-image" className="avatar" src={photoSource(p.photoUrl)} mode="aspectFill" />
            ) : (
              <View className="avatar">{p.name.slice(0, 1)}</View>
            )}
            <View className="grow ml-m">
              <View className="muted">{t('profile.photo')}</View>
              {p.newPhoto && (
                <View className={p.newPhoto.check === 'withdrawn' ? 'muted warn-text' : 'muted'} id="profile-photo-check">
                  {p.newPhoto.check === 'withdrawn'
                    ? t('profile.photoWithdrawn', { reason: p.newPhoto.reason ?? t('profile.photoCheckFailed') })
                    : t('profile.photoPending')}
                </View>
              )}
              <Button small light id="profile-photo" loading={action.busy} onClick={() => void pickPhoto()}>
                {p.photoUrl ? t('profile.changePhoto') : t('profile.uploadPhoto')}
              </Button>
            </View>
          </View>

          <View className="card">
            <Field id="profile-name" label={t('profile.name')} value={form.name} onInput={(v) => set('name', v)} />
            <Field
              id="profile-title"
              label={t('profile.titleLabel')}
              value={form.title}
              placeholder={t('profile.titlePlaceholder')}
              onInput={(v) => set('title', v)}
            />
            <Field
              id="profile-organization"
              label={t('profile.organization')}
              value={form.organization}
              onInput={(v) => set('organization', v)}
            />
            <Field
              id="profile-certificate"
              label={t('profile.certificate')}
              value={form.certificateNumber}
              placeholder={t('profile.certificatePlaceholder')}
              onInput={(v) => set('certificateNumber', v)}
            />
          </View>

          <View className="card">
            <View className="muted">{t('profile.phone')}</View>
            <View id="profile-phone-masked" className="phone">
              {p.phoneMasked || t('profile.phoneNone')}
              {p.phoneFromWechat ? t('profile.phoneVerified') : ''}
            </View>
            {IS_WEAPP && mode.kind === 'self' && (
              <NativeButton
                id="profile-phone-wechat"
                className="btn btn-light"
                openType="getPhoneNumber"
                onGetPhoneNumber={(e) => onWechatPhone(e.detail)}
              >
                {t('profile.useWechatPhone')}
              </NativeButton>
            )}
            <Field
              id="profile-phone"
              label={t('profile.newPhone')}
              value={form.phone}
              placeholder={t('profile.newPhonePlaceholder')}
              onInput={(v) => set('phone', v)}
            />
          </View>

          <View className="card">
            <View className="muted">{t('profile.duties')}</View>
            <Textarea
              id="profile-duties"
              className="input textarea textarea-h140"
              value={form.duties}
              maxlength={inputMaxLength(700)}
              onInput={(e) => set('duties', e.detail.value)}
            />
            <Field
              id="profile-specialties"
              label={t('profile.specialties')}
              value={form.specialties}
              placeholder={t('profile.specialtiesPlaceholder')}
              onInput={(v) => set('specialties', v)}
            />
          </View>

          <View className="card" id="profile-villages">
            <View className="section-title">{t('profile.villages')}</View>
            {p.villages.length === 0 && <View className="muted">{t('profile.noVillages')}</View>}
            {p.villages.map((v) => (
              <Field
                key={v.code}
                id={`profile-hours-${v.code}`}
                label={v.name}
                value={form.hours[v.code] ?? ''}
                placeholder={t('profile.hoursPlaceholder')}
                onInput={(text) => set('hours', { ...form.hours, [v.code]: text })}
              />
            ))}
          </View>

          <Button id="profile-save" loading={action.busy} onClick={save}>
            {action.busy ? t('profile.saving') : t('profile.save')}
          </Button>

          <View className="section-title">{t('profile.history')}</View>
          <View className="card">
            <ProfileHistory items={history} />
          </View>
        </View>
      )}
    </Screen>
  );
}
