import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { PrivacyPolicyReply, PrivacyStatus } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { clearSession } from '../../shared/session';

const via = process.env.TARO_ENV === 'h5' ? ('h5' as const) : ('miniprogram' as const);

/**
 * Consent to the privacy policy (issue 13): after login, and again when the version in force
 * changes, the person sees the policy's summary with 同意 / 不同意 at the top of the home page.
 * 同意 records the consent on the server (who, when, version, how); 不同意 logs out, explained.
 */
export function ConsentGate() {
  const [needed, setNeeded] = useState<{ status: PrivacyStatus; policy: PrivacyPolicyReply } | null>(null);
  const [refused, setRefused] = useState(false);
  const action = useAction();

  useEffect(() => {
    Promise.all([call('privacyStatus'), call('privacyPolicy')])
      .then(([status, policy]) => setNeeded(status.consentNeeded ? { status, policy } : null))
      .catch(() => undefined); // the home page itself shows a lost session
  }, []);

  function agree() {
    if (!needed) return;
    void action.run(async () => {
      await call('privacyConsent', { body: { version: needed.policy.version, via } });
      setNeeded(null);
    });
  }

  function refuse() {
    call('logout').catch(() => undefined);
    clearSession();
    setRefused(true);
  }

  if (refused) {
    return (
      <View className="card" id="privacy-refused">
        <View className="section-title">您已退出登录</View>
        <View>您没有同意隐私政策，我们不能为您提供法律咨询等服务，也不会保存您的任何新信息。</View>
        <View className="muted mt-s">如改变主意，可随时重新登录并同意隐私政策。</View>
        <Button id="privacy-refused-login" onClick={() => replaceWith('login')}>
          返回登录页
        </Button>
      </View>
    );
  }
  if (!needed) return null;
  return (
    <View className="card" id="privacy-gate">
      <View className="section-title">隐私政策（{needed.policy.version}）</View>
      <View id="privacy-gate-summary">{needed.policy.summary}</View>
      {needed.status.consentedVersion && (
        <View className="muted list-line" id="privacy-gate-updated">
          隐私政策已更新，请阅读后重新确认。
        </View>
      )}
      <View className="link" id="privacy-gate-read" onClick={() => goto('privacyPolicy')}>
        阅读完整隐私政策
      </View>
      <ErrorMessage message={action.error} />
      <Button id="privacy-agree" loading={action.busy} onClick={agree}>
        同意
      </Button>
      <Button light id="privacy-refuse" loading={action.busy} onClick={refuse}>
        不同意
      </Button>
    </View>
  );
}
