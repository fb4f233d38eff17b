import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { InvitationPreview, RedeemInvitationReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { ROLE_LABELS } from '../../shared/labels';
import { replaceWith, restart } from '../../shared/nav';
import { saveSession, updateUser } from '../../shared/session';
import { formatBeijing } from '../../shared/time';
import { weappLogin } from '../../pages/login/weapp';
import { CODE_HINT, isCode, keepPending, normaliseCode, pendingCode } from './code';
import { Screen } from '../../shared/components/Screen';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What the invitation gives, before the person accepts it. */
function PreviewCard({ preview: p }: { preview: InvitationPreview }) {
  return (
    <View id="redeem-preview" className="card">
      <View className="muted">{p.issuedBy.name} 邀请您担任</View>
      <View id="redeem-role" className="title my-s">
        {p.roleLabel}
      </View>
      <View id="redeem-place" className="item-title">
        {p.placeName}
      </View>
      <View className="muted">
        {formatBeijing(p.expiresAt, 'full')} 前有效 · 还可供 {p.usesLeft} 人使用
      </View>
      {p.alreadyHeld && (
        <View id="redeem-already" className="ok">
          您已在该地担任此角色，无需再次接受
        </View>
      )}
    </View>
  );
}

/**
 * Accepting an invitation: opened by its mini-program code (`scene` = the code) or by typing the
 * code. Shows what it gives, then the person confirms; every refusal (unknown, expired, used up,
 * withdrawn) is the server's Chinese message.
 */
export default function Redeem() {
  const router = useRouter();
  const session = useSession();
  const [code, setCode] = useState('');
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [result, setResult] = useState<RedeemInvitationReply | null>(null);
  const action = useAction();
  const { fail, run } = action;

  const lookup = useCallback(
    (c: string) => {
      setPreview(null);
      if (!isCode(c)) {
        fail(CODE_HINT);
        return;
      }
      void run(async () => setPreview(await call('previewInvitation', { params: { invitationCode: c } })));
    },
    [fail, run],
  );

  const loggedIn = !!session;
  useEffect(() => {
    const initial = normaliseCode(router.params.scene ?? router.params.code ?? '') || pendingCode();
    if (!initial) return;
    setCode(initial);
    // not logged in yet: keep the code for after the login
    if (!loggedIn) keepPending(initial);
    else lookup(initial);
  }, [loggedIn, lookup, router.params.scene, router.params.code]);

  function login() {
    if (!isWeapp) {
      replaceWith('login');
      return;
    }
    void run(async () => saveSession(await weappLogin()));
  }

  function confirm() {
    if (!preview) return;
    void run(async () => {
      const r = await call('redeemInvitation', { body: { code: preview.code } });
      updateUser(r.me);
      keepPending(null);
      setResult(r);
      setPreview(null);
    });
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">接受邀请</View>
        <View className="subtitle">输入邀请码，或用微信扫描邀请人出示的小程序码</View>
      </View>

      {!session && (
        <View className="card" id="redeem-need-login">
          <View>请先登录，再接受邀请{code ? `（邀请码 ${code} 已记下）` : ''}</View>
          <Button id="redeem-login" loading={action.busy} onClick={login}>
            {isWeapp ? '微信一键登录' : '去登录'}
          </Button>
        </View>
      )}

      {session && !result && (
        <View className="card">
          <Input
            id="redeem-code-input"
            className="input"
            value={code}
            maxlength={16}
            placeholder={CODE_HINT}
            onInput={(e) => {
              setCode(e.detail.value);
              setPreview(null);
            }}
            onConfirm={() => lookup(normaliseCode(code))}
          />
          <Button light id="redeem-lookup" loading={action.busy} onClick={() => lookup(normaliseCode(code))}>
            查看邀请
          </Button>
        </View>
      )}

      <Feedback of={action} />
      {preview && <PreviewCard preview={preview} />}
      {preview && !preview.alreadyHeld && (
        <Button id="redeem-confirm" loading={action.busy} onClick={confirm}>
          接受邀请，担任{preview.roleLabel}
        </Button>
      )}

      {result && (
        <View id="redeem-result" className="card">
          <View className="ok">
            您已成为{result.grant.placeName}的{ROLE_LABELS[result.grant.role]}
          </View>
          <Button id="redeem-home" onClick={restart}>
            返回首页
          </Button>
        </View>
      )}
    </Screen>
  );
}
