import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { DemoIdentity, Session } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { goto, restart } from '../../shared/nav';
import { saveSession } from '../../shared/session';
import { recordLoginConsent } from '../services/consent';
import { ScanQr } from './ScanQr';
import { weappLogin } from './weapp';
import { finishWebLogin, goToWechat, isWechatBrowser, webCallback } from './webAuth';
import { Screen } from '../../shared/components/Screen';

const isWeapp = process.env.TARO_ENV === 'weapp';
const isH5 = process.env.TARO_ENV === 'h5';

function DemoPicker({ onPick }: { onPick: (userId: string) => void }) {
  const [items, setItems] = useState<DemoIdentity[] | null>(null);
  const { t } = useTranslation('login');
  useEffect(() => {
    call('demoIdentities')
      .then((r) => setItems(r.items))
      .catch(() => setItems([])); // not offered by this server (production)
  }, []);

  if (items === null) return <View className="muted">{t('demo.loading')}</View>;
  if (items.length === 0) return null;
  return (
    <View id="demo-identities">
      <View className="section-title">{t('demo.title')}</View>
      <View className="muted mb-s">{t('demo.hint')}</View>
      {items.map((it) => (
        <View key={it.id} id={`demo-${it.id}`} className="list-item" hoverClass="btn-hover" onClick={() => onPick(it.id)}>
          <View className="item-title">{it.name}</View>
          <View className="subtitle">{t('demo.line', { role: it.roleLabel, place: it.placeName })}</View>
        </View>
      ))}
    </View>
  );
}

/**
 * How people log in, by where the app runs:
 * - the mini-program: 微信一键登录 (wx.login, or the login cloud function);
 * - H5 inside WeChat's browser: WeChat web authorisation, straight away (and again on request);
 * - H5 elsewhere (a PC): scanning a one-time code with the mini-program;
 * - outside production, also the demo identities (the server refuses them in production).
 */
export default function Login() {
  const action = useAction();
  const inWechat = isH5 && isWechatBrowser();
  const [agreed, setAgreed] = useState(false);
  const { t } = useTranslation('login');

  /** Keeps the session; consent ticked here is recorded for the policy in force before home opens. */
  async function done(session: Session) {
    saveSession(session);
    if (agreed) await recordLoginConsent(session);
    restart();
  }

  /** The standard pattern: no login before 「我已阅读并同意《隐私政策》」 is ticked. */
  function consented(): boolean {
    if (agreed) return true;
    action.fail(t('consentFirst'));
    return false;
  }

  // demo identities are shared test accounts (never in production): consent is asked on the home page
  function demoLogin(userId: string) {
    void action.run(async () => done(await call('demoLogin', { body: { userId } })));
  }

  function wechatLogin() {
    if (!consented()) return;
    void action.run(async () => done(await weappLogin()));
  }

  // inside WeChat's browser: finish the authorisation WeChat came back from, or go to WeChat for it
  const { run } = action;
  useEffect(() => {
    if (!inWechat) return;
    const back = webCallback();
    if (back) void run(async () => done(await finishWebLogin(back)));
    else void run(goToWechat);
    // once per page load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Screen title={t('title')}>
      <View className="card">
        <View className="title">{t('heading')}</View>
        <View className="subtitle">{t('tagline')}</View>
      </View>
      <View id="login-consent-row" className="row consent-row">
        <View
          id="login-consent"
          role="checkbox"
          aria-checked={agreed}
          className={agreed ? 'consent-toggle consent-toggle-on' : 'consent-toggle'}
          onClick={() => {
            setAgreed(!agreed);
            action.clear();
          }}
        >
          {t('agree', { box: agreed ? '☑' : '☐' })}
        </View>
        <View id="login-privacy" className="link" onClick={() => goto('privacyPolicy')}>
          {t('policy')}
        </View>
      </View>
      <ErrorMessage message={action.error} />
      {isWeapp && (
        <Button id="wechat-login" loading={action.busy} onClick={wechatLogin}>
          {t('wechat')}
        </Button>
      )}
      {inWechat && (
        <Button
          id="web-login"
          loading={action.busy}
          onClick={() => {
            if (consented()) void run(goToWechat);
          }}
        >
          {t('web')}
        </Button>
      )}
      {isH5 && !inWechat && <ScanQr onSession={(session) => void done(session)} />}
      {VC_DEMO && <DemoPicker onPick={demoLogin} />}
    </Screen>
  );
}
