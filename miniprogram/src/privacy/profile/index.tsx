import { useEffect, useState } from 'react';
import { Button as NativeButton, Image, Input, View } from '@tarojs/components';
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
      <Screen>
        <View className="card muted">请先登录</View>
        <Button id="profile-login" onClick={() => replaceWith('login')}>
          去登录
        </Button>
      </Screen>
    );
  }
  const needsPhone = user.heldRoles.some((g) => (PHONE_ROLES as readonly string[]).includes(g.role));
  const shownAvatar = avatar?.url ?? user.avatarUrl;

  function onAvatar(detail: { avatarUrl?: string; errMsg?: string }) {
    if (!detail.avatarUrl) {
      if (isPrivacyRefusal(detail)) action.fail('您未同意《隐私保护指引》，暂时不能设置头像；名字等其他资料可照常修改。');
      return; // else cancelled
    }
    const path = detail.avatarUrl;
    void action.run(
      async () => {
        const a = await uploadAvatar(path);
        setAvatar(a);
        return a.check === 'pass' ? '头像已更新' : '头像已上传，审核通过后其他人可见';
      },
      { ok: (message) => message },
    );
  }

  function save() {
    const trimmed = name.trim();
    if (!trimmed) {
      action.fail('名字不能为空');
      return;
    }
    void action.run(async () => updateUser(await saveName(trimmed)), { ok: '名字已保存' });
  }

  function onPhone(detail: { code?: string; errMsg?: string }) {
    if (!detail.code) {
      action.fail(
        isPrivacyRefusal(detail) ? '您未同意《隐私保护指引》，不能使用微信绑定的手机号' : '未获得微信手机号授权，可稍后重试',
      );
      return;
    }
    const code = detail.code;
    void action.run(async () => updateUser(await phoneFromWechat(code)), { ok: '已使用微信验证的手机号' });
  }

  return (
    <Screen>
      <PrivacyPopup />
      <View className="card">
        <View className="title">我的资料</View>
        <View className="subtitle">头像和名字会显示给与您办事的人，经微信内容安全检查后才对他人可见</View>
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
              审核中，通过后其他人可见
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
              {shownAvatar ? '更换头像' : '设置头像'}
            </NativeButton>
          )}
        </View>
      </View>

      <View className="card">
        <View className="muted">名字（可使用微信昵称）</View>
        <Input
          id="profile-nickname"
          className="input"
          type="nickname"
          value={name}
          maxlength={NAME_MAX}
          placeholder="请输入名字"
          onInput={(e) => setName(e.detail.value)}
          onBlur={(e) => setName(e.detail.value)}
        />
        <Button id="profile-name-save" loading={action.busy} onClick={save}>
          保存名字
        </Button>
      </View>

      {needsPhone && (
        <View className="card" id="profile-phone">
          <View className="muted">工作联系电话（他人只看到部分号码）</View>
          <View id="profile-phone-masked" className="phone">
            {user.phoneMasked ?? '未登记'}
          </View>
          {IS_WEAPP && (
            <NativeButton
              id="profile-phone-wechat"
              className="btn btn-light"
              openType="getPhoneNumber"
              loading={action.busy}
              onGetPhoneNumber={(e) => onPhone(e.detail)}
            >
              使用微信绑定的手机号
            </NativeButton>
          )}
        </View>
      )}
    </Screen>
  );
}
