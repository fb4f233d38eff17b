import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { Invitation } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { messageOf } from '../../shared/http';
import { formatBeijing } from '../../shared/time';
import { isPrivacyRefusal } from '../../shared/privacy';
import { invitationQrSource } from '../services/qr';

/**
 * One invitation to hand over: its mini-program code (scanned with WeChat, it opens the redeem page)
 * and its short code, large, with a copy action for sending it in a chat.
 */
export function InvitationCard(props: { invitation: Invitation; code: string; issuerCode: string }) {
  const { invitation, code, issuerCode } = props;
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
      .then(() => Taro.showToast({ title: '已复制', icon: 'success' }))
      .catch((e: unknown) =>
        Taro.showToast({
          title: isPrivacyRefusal(e) ? '未同意隐私保护指引，请手动抄写邀请码' : '复制失败，请手动抄写',
          icon: 'none',
        }),
      )
      .catch(() => undefined);
  }

  return (
    <View id="invite-result" className="card centered">
      <View className="subtitle">
        邀请担任 {invitation.placeName} {invitation.roleLabel}
      </View>
      {qr ? (
        <Image id="invite-qr" src={qr} mode="aspectFit" className="invite-qr" />
      ) : (
        <View className="muted my-l">{qrError ?? '小程序码加载中…'}</View>
      )}
      <View className="muted">邀请码</View>
      <View id="invite-code" className="invite-code">
        {code}
      </View>
      <Button id="invite-copy" onClick={copy}>
        复制邀请码
      </Button>
      <View className="muted text-left">
        请对方用微信扫描上方小程序码；或打开小程序，在首页点“输入邀请码”后输入。可供 {invitation.uses} 人使用，
        {formatBeijing(invitation.expiresAt, 'full')} 前有效。
      </View>
    </View>
  );
}
