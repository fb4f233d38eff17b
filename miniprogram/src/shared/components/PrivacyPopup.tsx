import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button as NativeButton, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { privacyUse } from '../privacy';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

const AGREE_ID = 'privacy-popup-agree';
const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * Our own privacy pop-up (WeChat's privacy guide): a page that calls an interface WeChat lists
 * under the guide (location, photos, phone number, avatar, clipboard) shows it. WeChat holds that
 * interface until we resolve: 同意 is WeChat's agreePrivacyAuthorization button, 拒绝 makes the
 * interface fail (the page explains what the feature needs; the rest stays usable), and the full
 * guide opens with wx.openPrivacyContract. The listener is one per app, so every page showing this
 * registers it again when it is shown.
 */
export function PrivacyPopup() {
  const [pending, setPending] = useState<{ referrer: string } | null>(null);
  const resolveRef = useRef<Resolve | null>(null);
  const { t } = useTranslation();

  const listen = useCallback(() => {
    if (!IS_WEAPP || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
      // an earlier question left open is refused, so its interface does not hang
      resolveRef.current?.({ event: 'disagree' });
      resolveRef.current = resolve;
      setPending({ referrer: eventInfo?.referrer ?? '' });
      resolve({ event: 'exposureAuthorization' });
    });
  }, []);
  useEffect(listen, [listen]);
  useDidShow(listen);

  function finish(option: Parameters<Resolve>[0]) {
    const resolve = resolveRef.current;
    resolveRef.current = null;
    setPending(null);
    resolve?.(option);
  }

  if (!pending) return null;
  const use = privacyUse(pending.referrer);
  return (
    <View id="privacy-popup" className="privacy-mask">
      <View className="card privacy-sheet">
        <View className="section-title">{t('privacy.title')}</View>
        <View id="privacy-popup-use">
          {use
            ? t('privacy.use', { info: t(`privacy.uses.${use}.info`), purpose: t(`privacy.uses.${use}.purpose`) })
            : t('privacy.useUnknown')}
        </View>
        <View id="privacy-popup-contract" className="link" onClick={() => void Taro.openPrivacyContract({})}>
          {t('privacy.contract')}
        </View>
        <NativeButton
          id={AGREE_ID}
          className="btn"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => finish({ buttonId: AGREE_ID, event: 'agree' })}
        >
          {t('privacy.agree')}
        </NativeButton>
        <View id="privacy-popup-refuse" className="btn btn-light" onClick={() => finish({ event: 'disagree' })}>
          {t('privacy.refuse')}
        </View>
      </View>
    </View>
  );
}
