import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('account');

  const load = useCallback(() => {
    if (!ticket) {
      fail(t('scanLogin.noTicket'));
      return;
    }
    void run(async () => setView(await call('scanTicket', { params: { ticket } })));
  }, [ticket, fail, run, t]);

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
    <Screen title={t('scanLogin.title')}>
      <View className="card">
        <View className="title" id="scan-login-title">
          {t('scanLogin.question')}
        </View>
        <View className="subtitle">{t('scanLogin.explain')}</View>
      </View>

      {!session && (
        <View className="card" id="scan-login-need-login">
          <View>{t('scanLogin.needLogin')}</View>
          <Button id="scan-login-login" loading={action.busy} onClick={login}>
            {isWeapp ? t('wechatLogin') : t('login')}
          </Button>
        </View>
      )}

      {session && view && !outcome && (
        <View className="card" id="scan-login-request">
          <Row id="scan-login-user" label={t('scanLogin.account')} value={session.user.name} />
          <Row id="scan-login-device" label={t('scanLogin.device')} value={view.device} />
          {view.ipMasked && <Row id="scan-login-ip" label={t('scanLogin.ip')} value={view.ipMasked} />}
          <Row
            id="scan-login-time"
            label={t('scanLogin.time')}
            value={t('scanLogin.timeValue', {
              time: formatBeijing(view.createdAt, 'full'),
              until: formatBeijing(view.expiresAt, 'time'),
            })}
          />
          <View className="error">{t('scanLogin.warning')}</View>
          <Button id="scan-login-confirm" loading={action.busy} onClick={() => decide('confirm')}>
            {t('scanLogin.confirm')}
          </Button>
          <Button light id="scan-login-decline" loading={action.busy} onClick={() => decide('decline')}>
            {t('scanLogin.decline')}
          </Button>
        </View>
      )}

      {outcome && (
        <View className="card" id={`scan-login-${outcome}`}>
          <View className={outcome === 'confirmed' ? 'ok' : 'muted'}>
            {outcome === 'confirmed' ? t('scanLogin.confirmed') : t('scanLogin.declined')}
          </View>
          <Button light id="scan-login-home" onClick={restart}>
            {t('home')}
          </Button>
        </View>
      )}

      <Feedback of={action} />
    </Screen>
  );
}
