import { useEffect, useState } from 'react';
import { Button as NativeButton, Image, Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { PHONE_ROLES } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PrivacyPopup } from '../../shared/components/PrivacyPopup';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { replaceWith } from '../../shared/nav';
import { isPrivacyRefusal } from '../../shared/privacy';
import { updateUser } from '../../shared/session';
import { avatarSource, phoneFromWechat, saveName, uploadAvatar } from '../services/identity';
import { Screen } from '../../shared/components/Screen';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
const NAME_MAX = 20;

/**
 * 我的资料 (issue 13 item 6): the avatar by WeChat's chooseAvatar button, the name by the nickname
 * input (checked by WeChat before others see it), and, for roles whose work needs a phone, the
 * number by WeChat's phone-number button. A villager is never asked for a phone.
 */
export default function MyProfile() {
  const { t } = useTranslation('privacy');
  const session = useSession();
  const action = useAction();
  const user = session?.user ?? null;
  const [name, setName] = useState(user?.name ?? '');
  const [avatar, setAvatar] = useState<{ url: string; check: 'pending' | 'pass' } | null>(null);

  const loadedName = user?.name;
  useEffect(() => {
    if (loadedName !== undefined) setName(loadedName);
  }, [loadedName]);

  if (!user) {
    return (
      <Screen title={t('profile.title')}>
        <View className="card muted">{t('profile.loginFirst')}</View>
        <Button id="profile-login" onClick={() => replaceWith('login')}>
          {t('profile.goLogin')}
        </Button>
      </Screen>
    );
  }
  const needsPhone = user.heldRoles.some((g) => (PHONE_ROLES as readonly string[]).includes(g.role));
  const shownAvatar = avatar?.url ?? user.avatarUrl;

  function onAvatar(detail: { avatarUrl?: string; errMsg?: string }) {
    if (!detail.avatarUrl) {
      if (isPrivacyRefusal(detail)) action.fail(t('profile.avatarRefused'));
      return; // else cancelled
    }
    const path = detail.avatarUrl;
    void action.run(
      async () => {
        const a = await uploadAvatar(path);
        setAvatar(a);
        return a.check === 'pass' ? t('profile.avatarUpdated') : t('profile.avatarUploaded');
      },
      { ok: (message) => message },
    );
  }

  function save() {
    const trimmed = name.trim();
    if (!trimmed) {
      action.fail(t('profile.nameEmpty'));
      return;
    }
    void action.run(async () => updateUser(await saveName(trimmed)), { ok: t('profile.nameSaved') });
  }

  function onPhone(detail: { code?: string; errMsg?: string }) {
    if (!detail.code) {
      action.fail(isPrivacyRefusal(detail) ? t('profile.phoneRefused') : t('profile.phoneNotGranted'));
      return;
    }
    const code = detail.code;
    void action.run(async () => updateUser(await phoneFromWechat(code)), { ok: t('profile.phoneUsed') });
  }

  return (
    <Screen title={t('profile.title')}>
      <PrivacyPopup />
      <View className="card">
        <View className="title">{t('profile.title')}</View>
        <View className="subtitle">{t('profile.intro')}</View>
      </View>
      <Feedback of={action} />

      <View className="card row">
        {shownAvatar ? (
          <Image id="profile-avatar-image" className="avatar" src={avatarSource(shownAvatar)} mode="aspectFill" />
        ) : (
          <View className="avatar">{user.name.slice(0, 1)}</View>
        )}
        <View className="grow ml-m">
          {avatar?.check === 'pending' && (
            <View className="muted" id="profile-avatar-pending">
              {t('profile.avatarPending')}
            </View>
          )}
          {IS_WEAPP && (
            <NativeButton
              id="profile-avatar"
              className="btn btn-light btn-small"
              openType="chooseAvatar"
              loading={action.busy}
              onChooseAvatar={(e) => onAvatar(e.detail as { avatarUrl?: string; errMsg?: string })}
            >
              {shownAvatar ? t('profile.changeAvatar') : t('profile.setAvatar')}
            </NativeButton>
          )}
        </View>
      </View>

      <View className="card">
        <View className="muted">{t('profile.nameLabel')}</View>
        <Input
          id="profile-nickname"
          className="input"
          type="nickname"
          value={name}
          maxlength={NAME_MAX}
          placeholder={t('profile.namePlaceholder')}
          onInput={(e) => setName(e.detail.value)}
          onBlur={(e) => setName(e.detail.value)}
        />
        <Button id="profile-name-save" loading={action.busy} onClick={save}>
          {t('profile.saveName')}
        </Button>
      </View>

      {needsPhone && (
        <View className="card" id="profile-phone">
          <View className="muted">{t('profile.phoneLabel')}</View>
          <View id="profile-phone-masked" className="phone">
            {user.phoneMasked ?? t('profile.phoneNone')}
          </View>
          {IS_WEAPP && (
            <NativeButton
              id="profile-phone-wechat"
              className="btn btn-light"
              openType="getPhoneNumber"
              loading={action.busy}
              onGetPhoneNumber={(e) => onPhone(e.detail)}
            >
              {t('profile.useWechatPhone')}
            </NativeButton>
          )}
        </View>
      )}
    </Screen>
  );
}
