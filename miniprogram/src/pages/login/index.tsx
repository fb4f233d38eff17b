import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { DemoIdentity, Session } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { goto, restart } from '../../shared/nav';
import { saveSession } from '../../shared/session';
import { ScanQr } from './ScanQr';
import { weappLogin } from './weapp';
import { finishWebLogin, goToWechat, isWechatBrowser, webCallback } from './webAuth';

const isWeapp = process.env.TARO_ENV === 'weapp';
const isH5 = process.env.TARO_ENV === 'h5';

function DemoPicker({ onPick }: { onPick: (userId: string) => void }) {
  const [items, setItems] = useState<DemoIdentity[] | null>(null);
  useEffect(() => {
    call('demoIdentities')
      .then((r) => setItems(r.items))
      .catch(() => setItems([])); // not offered by this server (production)
  }, []);

  if (items === null) return <View className="muted">正在加载演示身份…</View>;
  if (items.length === 0) return null;
  return (
    <View id="demo-identities">
      <View className="section-title">演示身份</View>
      <View className="muted" style={{ marginBottom: '8px' }}>
        选择一个身份体验（仅测试环境）
      </View>
      {items.map((it) => (
        <View key={it.id} id={`demo-${it.id}`} className="list-item" hoverClass="btn-hover" onClick={() => onPick(it.id)}>
          <View className="title" style={{ fontSize: '18px' }}>
            {it.name}
          </View>
          <View className="subtitle">
            {it.roleLabel} · {it.placeName}
          </View>
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

  function done(session: Session) {
    saveSession(session);
    restart();
  }

  function demoLogin(userId: string) {
    void action.run(async () => done(await call('demoLogin', { body: { userId } })));
  }

  function wechatLogin() {
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
    <View className="page">
      <View className="card">
        <View className="title">一村（居）一法律顾问</View>
        <View className="subtitle">找到本村的法律顾问，免费法律咨询、调解、援助</View>
      </View>
      <ErrorMessage message={action.error} />
      {isWeapp && (
        <Button id="wechat-login" disabled={action.busy} onClick={wechatLogin}>
          微信一键登录
        </Button>
      )}
      {inWechat && (
        <Button id="web-login" disabled={action.busy} onClick={() => void run(goToWechat)}>
          微信授权登录
        </Button>
      )}
      {isH5 && !inWechat && <ScanQr onSession={done} />}
      {VC_DEMO && <DemoPicker onPick={demoLogin} />}
      <View
        id="login-privacy"
        className="muted"
        style={{ marginTop: '16px', textAlign: 'center' }}
        onClick={() => goto('privacyPolicy')}
      >
        查看《隐私政策》（登录后将请您确认是否同意）
      </View>
    </View>
  );
}
