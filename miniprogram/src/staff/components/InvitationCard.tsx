import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { Invitation } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { messageOf } from '../../shared/http';
import { formatBeijing } from '../../shared/time';
import { isPrivacyRefusal } from '../../shared/privacy';
import { invitationQrSource } from '../services/qr';
import { useTranslation } from 'react-i18next';

/**
 * One invitation to hand over: its mini-program code (scanned with WeChat, it opens the redeem page)
 * and its short code, large, with a copy action for sending it in a chat.
 */
export function InvitationCard(props: { invitation: Invitation; code: string; issuerCode: string }) {
  const { invitation, code, issuerCode } = props;
  const { t } = useTranslation('staff');
  const [qr, setQr] = useState<string | null>(null);
  const [qrError, setQrError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setQr(null);
    setQrError(null);
    invitationQrSource(issuerCode, invitation.id).then(
      (src) => alive && setQr(src),
      (e: unknown) => alive && setQrError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
  }, [issuerCode, invitation.id]);

  function copy() {
    Taro.setClipboardData({ data: code })
      .then(() => Taro.showToast({ title: t('card.copied'), icon: 'success' }))
      .catch((e: unknown) =>
        Taro.showToast({
          title: isPrivacyRefusal(e) ? t('card.copyRefused') : t('card.copyFailed'),
          icon: 'none',
        }),
      )
      .catch(() => undefined);
  }

  return (
    <View id="invite-result" className="card centered">
      <View className="subtitle">{t('card.invitedAs', { place: invitation.placeName, role: invitation.roleLabel })}</View>
      {qr ? (
        <Image id="invite-qr" src={qr} mode="aspectFit" className="invite-qr" />
      ) : (
        <View className="muted my-l">{qrError ?? t('card.qrLoading')}</View>
      )}
      <View className="muted">{t('card.code')}</View>
      <View id="invite-code" className="invite-code">
        {code}
      </View>
      <Button id="invite-copy" onClick={copy}>
        {t('card.copy')}
      </Button>
      <View className="muted text-left">
        {t('card.howTo', { uses: invitation.uses, date: formatBeijing(invitation.expiresAt, 'full') })}
      </View>
    </View>
  );
}
