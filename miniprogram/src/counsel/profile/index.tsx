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
    void action.run(async () => show(await saveProfile(mode, checked.body)), { ok: '已保存，公示栏同步更新' });
  }

  async function pickPhoto() {
    const { photos, refused, tooLarge } = await choosePhoto();
    if (refused) action.fail('您未同意《隐私保护指引》，暂时不能选择照片；其他资料可照常修改保存。');
    if (tooLarge) action.fail(tooLarge);
    const path = photos[0]?.path;
    if (!path) return;
    void action.run(
      async () => {
        const p = await uploadProfilePhoto(mode, path);
        show(p);
        if (p.newPhoto?.check === 'pending') void awaitPhotoVerdict();
      },
      { ok: '照片已上传' },
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
      action.fail(
        isPrivacyRefusal(detail)
          ? '您未同意《隐私保护指引》，不能使用微信绑定的手机号，可在下方手动填写'
          : '未获得微信手机号授权，可在下方手动填写',
      );
      return;
    }
    const code = detail.code;
    void action.run(async () => show(await phoneFromWechat(code)), { ok: '已使用微信验证的手机号' });
  }

  const p = profile.data;
  return (
    <Screen>
      <View className="card">
        <View className="title">法律顾问资料</View>
        <View className="subtitle">
          {mode.kind === 'county' ? '县司法局更正顾问资料，每次修改都留有记录' : '公示栏上展示的资料，修改后立即更新'}
        </View>
      </View>
      <PageError message={profile.error} />
      <Feedback of={action} />
      {mode.kind === 'self' && <PrivacyPopup />}
      {!p || !form ? (
        !profile.error && (
          <View className="muted" id="loading">
            正在加载…
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
              <View className="muted">照片（JPG、PNG 或 WebP，不超过5MB）</View>
              {p.newPhoto && (
                <View className={p.newPhoto.check === 'withdrawn' ? 'muted warn-text' : 'muted'} id="profile-photo-check">
                  {p.newPhoto.check === 'withdrawn'
                    ? `新照片未通过审核，未公示：${p.newPhoto.reason ?? '微信内容安全检测未通过'}`
                    : '新照片审核中：通过微信内容安全检测后显示在公示栏'}
                </View>
              )}
              <Button small light id="profile-photo" loading={action.busy} onClick={() => void pickPhoto()}>
                {p.photoUrl ? '更换照片' : '上传照片'}
              </Button>
            </View>
          </View>

          <View className="card">
            <Field id="profile-name" label="姓名" value={form.name} onInput={(v) => set('name', v)} />
            <Field
              id="profile-title"
              label="职称或身份"
              value={form.title}
              placeholder="如：律师、基层法律服务工作者"
              onInput={(v) => set('title', v)}
            />
            <Field id="profile-organization" label="执业机构" value={form.organization} onInput={(v) => set('organization', v)} />
            <Field
              id="profile-certificate"
              label="执业证号"
              value={form.certificateNumber}
              placeholder="执业证上的号码"
              onInput={(v) => set('certificateNumber', v)}
            />
          </View>

          <View className="card">
            <View className="muted">联系电话（公示栏上只显示部分号码）</View>
            <View id="profile-phone-masked" className="phone">
              {p.phoneMasked || '未登记'}
              {p.phoneFromWechat ? '（已通过微信验证）' : ''}
            </View>
            {IS_WEAPP && mode.kind === 'self' && (
              <NativeButton
                id="profile-phone-wechat"
                className="btn btn-light"
                openType="getPhoneNumber"
                onGetPhoneNumber={(e) => onWechatPhone(e.detail)}
              >
                使用微信绑定的手机号
              </NativeButton>
            )}
            <Field
              id="profile-phone"
              label="更换为其他号码（不改请留空）"
              value={form.phone}
              placeholder="手机号，或带区号的固定电话"
              onInput={(v) => set('phone', v)}
            />
          </View>

          <View className="card">
            <View className="muted">工作职责（每行一条，不填则显示通用职责）</View>
            <Textarea
              id="profile-duties"
              className="input textarea textarea-h140"
              value={form.duties}
              maxlength={inputMaxLength(700)}
              onInput={(e) => set('duties', e.detail.value)}
            />
            <Field
              id="profile-specialties"
              label="擅长领域（用顿号分隔）"
              value={form.specialties}
              placeholder="如：婚姻家庭、土地承包、劳动争议"
              onInput={(v) => set('specialties', v)}
            />
          </View>

          <View className="card" id="profile-villages">
            <View className="section-title">驻村服务时间</View>
            {p.villages.length === 0 && <View className="muted">目前没有指派服务的村（社区）</View>}
            {p.villages.map((v) => (
              <Field
                key={v.code}
                id={`profile-hours-${v.code}`}
                label={v.name}
                value={form.hours[v.code] ?? ''}
                placeholder="如：每周三上午 9:00–12:00（不填则显示县里的驻村要求）"
                onInput={(text) => set('hours', { ...form.hours, [v.code]: text })}
              />
            ))}
          </View>

          <Button id="profile-save" loading={action.busy} onClick={save}>
            {action.busy ? '正在保存…' : '保存'}
          </Button>

          <View className="section-title">修改记录</View>
          <View className="card">
            <ProfileHistory items={history} />
          </View>
        </View>
      )}
    </Screen>
  );
}
