import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ScanTicketView } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useSession } from '../../shared/hooks/useSession';
import { replaceWith, restart } from '../../shared/nav';
import { saveSession } from '../../shared/session';
import { formatBeijing } from '../../shared/time';
import { weappLogin } from '../../pages/login/weapp';
import { Screen } from '../../shared/components/Screen';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** The ticket in the code's `scene` (URI-encoded by WeChat), or `ticket` when opened by a link. */
function ticketOf(params: Record<string, string | undefined>): string {
  const raw = params.scene ?? params.ticket ?? '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

function Row({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View id={id} className="list-line">
      <View className="muted">{label}</View>
      <View className="item-title">{value}</View>
    </View>
  );
}

/**
 * 扫码登录, on the phone: opened by the code on a PC's login page. Shows who would be logged in and
 * where (the PC's browser and address, when it asked), then the person confirms or declines; their
 * mini-program session is what confirms, so they log in here first if they have not.
 */
export default function ScanLogin() {
  const router = useRouter();
  const ticket = ticketOf(router.params);
  const session = useSession();
  const [view, setView] = useState<ScanTicketView | null>(null);
  const [decided, setDecided] = useState<'confirmed' | 'declined' | null>(null);
  const action = useAction();
  const { fail, run } = action;

  const load = useCallback(() => {
    if (!ticket) {
      fail('没有找到登录二维码，请在电脑上重新扫码');
      return;
    }
    void run(async () => setView(await call('scanTicket', { params: { ticket } })));
  }, [ticket, fail, run]);

  const loggedIn = !!session;
  useEffect(() => {
    if (loggedIn) load();
  }, [loggedIn, load]);

  function login() {
    if (!isWeapp) {
      replaceWith('login');
      return;
    }
    void run(async () => saveSession(await weappLogin()));
  }

  function decide(decision: 'confirm' | 'decline') {
    void run(async () => {
      if (decision === 'confirm') await call('scanTicketConfirm', { params: { ticket }, body: {} });
      else await call('scanTicketDecline', { params: { ticket }, body: {} });
      setDecided(decision === 'confirm' ? 'confirmed' : 'declined');
    });
  }

  const outcome = decided ?? (view && view.status !== 'waiting' ? view.status : null);
  return (
    <Screen>
      <View className="card">
        <View className="title" id="scan-login-title">
          在电脑上登录？
        </View>
        <View className="subtitle">有人在电脑上打开了本系统的登录页，并请您用微信扫码确认</View>
      </View>

      {!session && (
        <View className="card" id="scan-login-need-login">
          <View>请先登录小程序，再确认电脑登录</View>
          <Button id="scan-login-login" loading={action.busy} onClick={login}>
            {isWeapp ? '微信一键登录' : '去登录'}
          </Button>
        </View>
      )}

      {session && view && !outcome && (
        <View className="card" id="scan-login-request">
          <Row id="scan-login-user" label="登录账号" value={session.user.name} />
          <Row id="scan-login-device" label="登录设备" value={view.device} />
          {view.ipMasked && <Row id="scan-login-ip" label="网络地址" value={view.ipMasked} />}
          <Row
            id="scan-login-time"
            label="请求时间"
            value={`${formatBeijing(view.createdAt, 'full')}（${formatBeijing(view.expiresAt, 'time')} 前有效）`}
          />
          <View className="error">请确认是您本人正在这台电脑上登录。不是您本人操作、或是别人发来的二维码，请点“取消”。</View>
          <Button id="scan-login-confirm" loading={action.busy} onClick={() => decide('confirm')}>
            确认登录
          </Button>
          <Button light id="scan-login-decline" loading={action.busy} onClick={() => decide('decline')}>
            取消
          </Button>
        </View>
      )}

      {outcome && (
        <View className="card" id={`scan-login-${outcome}`}>
          <View className={outcome === 'confirmed' ? 'ok' : 'muted'}>
            {outcome === 'confirmed' ? '已确认，电脑上将自动登录' : '已取消这次电脑登录'}
          </View>
          <Button light id="scan-login-home" onClick={restart}>
            返回首页
          </Button>
        </View>
      )}

      <Feedback of={action} />
    </Screen>
  );
}
