import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { DemoIdentity, Session } from '@vc/types';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/Message';
import { call, messageOf } from '../../services/api';
import { restart } from '../../services/nav';
import { saveSession } from '../../services/session';
import { cloudEnv, loginWithCloud } from '../../services/cloudLogin';

const isWeapp = process.env.TARO_ENV === 'weapp';

function DemoPicker({ onLogin, onError }: { onLogin: (s: Session) => void; onError: (m: string) => void }) {
  const [items, setItems] = useState<DemoIdentity[] | null>(null);
  useEffect(() => {
    call('demoIdentities')
      .then((r) => setItems(r.items))
      .catch(() => setItems([])); // not offered by this server (production)
  }, []);

  async function pick(id: string) {
    try {
      onLogin(await call('demoLogin', { body: { userId: id } }));
    } catch (e) {
      onError(messageOf(e));
    }
  }

  if (items === null) return <View className="muted">正在加载演示身份…</View>;
  if (items.length === 0) return null;
  return (
    <View id="demo-identities">
      <View className="section-title">演示身份</View>
      <View className="muted" style={{ marginBottom: '8px' }}>
        选择一个身份体验（仅测试环境）
      </View>
      {items.map((it) => (
        <View key={it.id} id={`demo-${it.id}`} className="list-item" hoverClass="btn-hover" onClick={() => pick(it.id)}>
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

export default function Login() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function done(session: Session) {
    saveSession(session);
    restart();
  }

  async function wechatLogin() {
    setError(null);
    setBusy(true);
    try {
      const env = cloudEnv();
      if (env) {
        done(await loginWithCloud(env));
      } else {
        const { code } = await Taro.login();
        done(await call('wechatLogin', { body: { code } }));
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="card">
        <View className="title">一村（居）一法律顾问</View>
        <View className="subtitle">找到本村的法律顾问，免费法律咨询、调解、援助</View>
      </View>
      <ErrorMessage message={error} />
      {isWeapp && (
        <Button id="wechat-login" disabled={busy} onClick={wechatLogin}>
          微信一键登录
        </Button>
      )}
      {VC_DEMO && <DemoPicker onLogin={done} onError={setError} />}
    </View>
  );
}
