import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { DemoIdentity, Session } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { restart } from '../../shared/nav';
import { saveSession } from '../../shared/session';
import { cloudEnv, loginWithCloud } from '../services/cloudLogin';

const isWeapp = process.env.TARO_ENV === 'weapp';

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

export default function Login() {
  const action = useAction();

  function done(session: Session) {
    saveSession(session);
    restart();
  }

  function demoLogin(userId: string) {
    void action.run(async () => done(await call('demoLogin', { body: { userId } })));
  }

  function wechatLogin() {
    void action.run(async () => {
      const env = cloudEnv();
      if (env) {
        done(await loginWithCloud(env));
      } else {
        const { code } = await Taro.login();
        done(await call('wechatLogin', { body: { code } }));
      }
    });
  }

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
      {VC_DEMO && <DemoPicker onPick={demoLogin} />}
    </View>
  );
}
