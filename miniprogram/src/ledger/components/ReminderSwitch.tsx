import { useCallback, useEffect, useState } from 'react';
import type { NoticeStatus } from '@vc/types';
import { call } from '../../shared/api';
import { NoticeRow } from '../../shared/components/NoticeRow';
import { useTranslation } from 'react-i18next';

/**
 * 开启月底提醒 on the counsel's progress page: the month-end reminder is sent only to counsel who
 * accepted it in WeChat's sheet (one reminder per accept). Shown only when the notice concerns the
 * person (the server lists it for counsel).
 */
export function ReminderSwitch() {
  const { t } = useTranslation('ledger');
  const [notice, setNotice] = useState<NoticeStatus | null>(null);
  const load = useCallback(() => {
    call('myNotices')
      .then((r) => setNotice(r.items.find((n) => n.key === 'monthEndReminder') ?? null))
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  if (!notice) return null;
  return <NoticeRow notice={notice} onAnswered={load} action={notice.status === 'on' ? t('reminder.again') : t('reminder.on')} />;
}
