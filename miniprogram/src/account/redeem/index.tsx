import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { InvitationPreview, RedeemInvitationReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { replaceWith, restart } from '../../shared/nav';
import { saveSession, updateUser } from '../../shared/session';
import { formatBeijing } from '../../shared/time';
import { weappLogin } from '../../pages/login/weapp';
import { codeHint, isCode, keepPending, normaliseCode, pendingCode } from './code';
import { Screen } from '../../shared/components/Screen';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What the invitation gives, before the person accepts it. */
function PreviewCard({ preview: p }: { preview: InvitationPreview }) {
  const { t } = useTranslation('account');
  return (
    <View id="redeem-preview" className="card">
      <View className="muted">{t('redeem.invitedBy', { name: p.issuedBy.name })}</View>
      <View id="redeem-role" className="title my-s">
        {p.roleLabel}
      </View>
      <View id="redeem-place" className="item-title">
        {p.placeName}
      </View>
      <View className="muted">{t('redeem.validity', { time: formatBeijing(p.expiresAt, 'full'), n: p.usesLeft })}</View>
      {p.alreadyHeld && (
        <View id="redeem-already" className="ok">
          {t('redeem.alreadyHeld')}
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
  const { t } = useTranslation(['account', 'labels']);

  const lookup = useCallback(
    (c: string) => {
      setPreview(null);
      if (!isCode(c)) {
        fail(codeHint());
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
    <Screen title={t('redeem.title')}>
      <View className="card">
        <View className="title">{t('redeem.title')}</View>
        <View className="subtitle">{t('redeem.explain')}</View>
      </View>

      {!session && (
        <View className="card" id="redeem-need-login">
          <View>{code ? t('redeem.needLoginKept', { code }) : t('redeem.needLogin')}</View>
          <Button id="redeem-login" loading={action.busy} onClick={login}>
            {isWeapp ? t('wechatLogin') : t('login')}
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
            placeholder={codeHint()}
            onInput={(e) => {
              setCode(e.detail.value);
              setPreview(null);
            }}
            onConfirm={() => lookup(normaliseCode(code))}
          />
          <Button light id="redeem-lookup" loading={action.busy} onClick={() => lookup(normaliseCode(code))}>
            {t('redeem.lookup')}
          </Button>
        </View>
      )}

      <Feedback of={action} />
      {preview && <PreviewCard preview={preview} />}
      {preview && !preview.alreadyHeld && (
        <Button id="redeem-confirm" loading={action.busy} onClick={confirm}>
          {t('redeem.accept', { role: preview.roleLabel })}
        </Button>
      )}

      {result && (
        <View id="redeem-result" className="card">
          <View className="ok">
            {t('redeem.done', { place: result.grant.placeName, role: t(`labels:role.${result.grant.role}`) })}
          </View>
          <Button id="redeem-home" onClick={restart}>
            {t('home')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
