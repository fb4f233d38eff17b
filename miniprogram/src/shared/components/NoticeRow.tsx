import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { NoticeStatus } from '@vc/types';
import { askToSubscribe } from '../hooks/useSubscribe';
import { formatBeijing } from '../time';
import { Button } from './Button';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

interface Props {
  notice: NoticeStatus;
  /** after the person answered WeChat's sheet (and the server recorded it): reload the status */
  onAnswered: () => void;
  /** the button's words; by default 开启提醒 */
  action?: string;
}

/**
 * One promised notice: on (with the sends left) or off, and a button that asks WeChat's subscribe
 * sheet from this tap. WeChat gives one send per accept, so "on" is counted down as notices go out.
 */
export function NoticeRow({ notice: n, onAnswered, action }: Props) {
  const on = n.status === 'on';
  const { t } = useTranslation();
  return (
    <View className="card" id={`notice-${n.key}`}>
      <View className="item-title">{n.label}</View>
      <View className="muted">{n.when}</View>
      <View id={`notice-status-${n.key}`} className={on ? 'ok' : 'muted'}>
        {on ? t('notice.on', { quota: n.quota }) : t('notice.off')}
      </View>
      {n.lastRefusedAt && !on && (
        <View className="muted" id={`notice-refused-${n.key}`}>
          {t('notice.refused', { time: formatBeijing(n.lastRefusedAt, 'full') })}
        </View>
      )}
      {IS_WEAPP ? (
        <Button small light={on} id={`notice-on-${n.key}`} onClick={() => void askToSubscribe([n.templateId]).then(onAnswered)}>
          {action ?? (on ? t('notice.again') : t('notice.turnOn'))}
        </Button>
      ) : (
        <View className="muted">{t('notice.weappOnly')}</View>
      )}
    </View>
  );
}
