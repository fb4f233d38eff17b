import { useEffect, useRef, useState } from 'react';
import { Image, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ScanTicket, Session } from '@vc/types';
import { fillPath } from '@vc/types/src/paths';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ApiError, apiBase, messageOf } from '../../shared/http';

type Status = 'loading' | 'waiting' | 'scanned' | 'declined' | 'closed';

/** Refusals that end a ticket: a new code is needed. */
const CLOSED = new Set(['SCAN_TICKET_EXPIRED', 'SCAN_TICKET_USED', 'SCAN_TICKET_NOT_FOUND']);

/**
 * 扫码登录 on a PC: a one-time ticket shown as a mini-program code, polled until the person confirms
 * on their phone (then `onSession`), declines, or the ticket runs out (then a fresh code on request).
 * The ticket is on the code's element (`#scan-login-qr[data-ticket]`), so a developer or a test can
 * open the confirm page without a camera.
 */
export function ScanQr({ onSession }: { onSession: (session: Session) => void }) {
  const [ticket, setTicket] = useState<ScanTicket | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [message, setMessage] = useState<string | null>(null);
  const [imageFailed, setImageFailed] = useState(false);
  const [round, setRound] = useState(0);
  const done = useRef(onSession);
  const { t } = useTranslation('login');
  done.current = onSession;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setTicket(null);
    setStatus('loading');
    setMessage(null);
    setImageFailed(false);
    const close = (e: unknown) => {
      setStatus('closed');
      setMessage(messageOf(e));
    };
    call('scanTicketCreate', { body: {} }).then(
      (created) => {
        if (stopped) return;
        setTicket(created);
        setStatus('waiting');
        const tick = () => {
          call('scanTicketPoll', { params: { ticket: created.ticket }, body: {} }).then(
            (r) => {
              if (stopped) return;
              if (r.status === 'confirmed') {
                stopped = true;
                done.current(r.session);
              } else if (r.status === 'declined') setStatus('declined');
              else {
                setStatus(r.scanned ? 'scanned' : 'waiting');
                timer = setTimeout(tick, created.pollIntervalMs);
              }
            },
            (e: unknown) => {
              if (stopped) return;
              if (e instanceof ApiError && CLOSED.has(e.code)) close(e);
              // a network hiccup: keep asking until the server says the ticket is over
              else timer = setTimeout(tick, created.pollIntervalMs * 2);
            },
          );
        };
        timer = setTimeout(tick, created.pollIntervalMs);
      },
      (e: unknown) => !stopped && close(e),
    );
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [round]);

  const open = ticket && (status === 'waiting' || status === 'scanned');
  return (
    <View className="card" id="scan-login">
      <View className="section-title">{t('scan.title')}</View>
      <View className="muted">{t('scan.hint')}</View>
      {status === 'loading' && <View className="muted">{t('scan.loading')}</View>}
      {open && (
        <View id="scan-login-qr" data-ticket={ticket.ticket} className="centered my-l">
          {imageFailed ? (
            <View className="muted">{t('scan.imageFailed')}</View>
          ) : (
            <Image
              src={apiBase() + fillPath(VC_ROUTES.scanTicketQrCode.path, { ticket: ticket.ticket })}
              className="scan-qr"
              onError={() => setImageFailed(true)}
            />
          )}
        </View>
      )}
      {status === 'scanned' && (
        <View id="scan-login-scanned" className="ok">
          {t('scan.scanned')}
        </View>
      )}
      {status === 'declined' && (
        <View id="scan-login-declined" className="error">
          {t('scan.declined')}
        </View>
      )}
      {status === 'closed' && (
        <View id="scan-login-closed" className="error">
          {message}
        </View>
      )}
      {(status === 'declined' || status === 'closed') && (
        <Button light id="scan-login-refresh" onClick={() => setRound((r) => r + 1)}>
          {t('scan.refresh')}
        </Button>
      )}
    </View>
  );
}
