import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('privacy');

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
        <View className="section-title">{t('gate.refusedTitle')}</View>
        <View>{t('gate.refusedBody')}</View>
        <View className="muted mt-s">{t('gate.refusedHint')}</View>
        <Button id="privacy-refused-login" onClick={() => replaceWith('login')}>
          {t('gate.backToLogin')}
        </Button>
      </View>
    );
  }
  if (!needed) return null;
  return (
    <View className="card" id="privacy-gate">
      <View className="section-title">{t('gate.title', { version: needed.policy.version })}</View>
      <View id="privacy-gate-summary">{needed.policy.summary}</View>
      {needed.status.consentedVersion && (
        <View className="muted list-line" id="privacy-gate-updated">
          {t('gate.updated')}
        </View>
      )}
      <View className="link" id="privacy-gate-read" onClick={() => goto('privacyPolicy')}>
        {t('gate.readAll')}
      </View>
      <ErrorMessage message={action.error} />
      <Button id="privacy-agree" loading={action.busy} onClick={agree}>
        {t('gate.agree')}
      </Button>
      <Button light id="privacy-refuse" loading={action.busy} onClick={refuse}>
        {t('gate.refuse')}
      </Button>
    </View>
  );
}
