import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Lecture, LectureHost } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { messageOf } from '../../shared/http';
import { checkinLink, checkinQrSource } from '../services/qr';

/**
 * What the counsel running a lecture sees: the check-in code to show at the lecture (and the
 * link it opens, to copy), who came (scanned or added), adding a name by hand, and who signed up.
 */
export function HostPanel(props: {
  lecture: Lecture;
  host: LectureHost;
  busy: boolean;
  onAdd: (name: string) => Promise<boolean>;
}) {
  const { lecture: l, host, busy, onAdd } = props;
  const { t } = useTranslation('lectures');
  const [qr, setQr] = useState<string | null>(null);
  const [qrError, setQrError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const open = l.status === 'scheduled' && !l.ledgerEntryId;
  const link = checkinLink(host.checkinPath);

  useEffect(() => {
    if (!open) return;
    let alive = true;
    checkinQrSource(l.id).then(
      (src) => alive && setQr(src),
      (e: unknown) => alive && setQrError(`${t('detail.qrFailed')}（${messageOf(e)}）`),
    );
    return () => {
      alive = false;
    };
  }, [l.id, open, t]);

  function copy() {
    Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: t('detail.copied'), icon: 'success' }))
      .catch(() => Taro.showToast({ title: t('detail.copyFailed'), icon: 'none' }))
      .catch(() => undefined);
  }

  return (
    <>
      {open && (
        <View className="card centered" id="lecture-qr-card">
          <View className="section-title">{t('detail.qrTitle')}</View>
          {qr ? (
            <Image id="lecture-qr" src={qr} mode="aspectFit" className="invite-qr" />
          ) : (
            <View className="muted my-l">{qrError ?? t('detail.qrLoading')}</View>
          )}
          <View className="muted">{t('detail.qrHint')}</View>
          <View className="muted mt-s">{t('detail.link')}</View>
          <View id="lecture-checkin-link" className="pre-wrap text-left" data-href={link}>
            {link}
          </View>
          <Button light small id="lecture-copy-link" onClick={copy}>
            {t('detail.copy')}
          </Button>
        </View>
      )}
      <View className="card" id="lecture-attendees">
        <View className="section-title">{t('detail.attendees', { n: host.attendees.length })}</View>
        {host.attendees.length === 0 && <View className="muted">{t('detail.noAttendees')}</View>}
        {host.attendees.map((a, i) => (
          <View key={`${a.name}-${i}`} className="row" id={`lecture-attendee-${i}`}>
            <View className="grow">{a.name}</View>
            <View className="muted">{a.via === 'scan' ? t('detail.viaScan') : t('detail.viaAdded')}</View>
          </View>
        ))}
        {open && (
          <View className="mt-s">
            <View className="muted">{t('detail.addTitle')}</View>
            <View className="row">
              <Input
                id="lecture-add-name"
                className="input grow"
                value={name}
                maxlength={20}
                placeholder={t('detail.addHint')}
                onInput={(e) => setName(e.detail.value)}
              />
              <Button
                small
                id="lecture-add"
                loading={busy}
                onClick={() => void onAdd(name).then((added) => added && setName(''))}
              >
                {t('detail.add')}
              </Button>
            </View>
          </View>
        )}
      </View>
      <View className="card" id="lecture-signups">
        <View className="section-title">{t('detail.signups', { n: host.signups.length })}</View>
        <View>{host.signups.map((s) => s.name).join('、')}</View>
      </View>
    </>
  );
}
