import { useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ConsultationSummary } from '@vc/types';
import { call } from '../../shared/api';
import { PageError } from '../../shared/components/Message';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto } from '../../shared/nav';
import { ConsultItem } from '../components/ConsultItem';
import { t } from '../../shared/i18n';
import { when } from '../services/consult';
import { Screen } from '../../shared/components/Screen';

/** Which limit was missed (限时办结). */
function missed(c: ConsultationSummary, now = Date.now()): string {
  const parts: string[] = [];
  if (!c.firstResponseAt && Date.parse(c.firstResponseDueAt) < now)
    parts.push(t('consult:overdue.missedAnswer', { at: when(c.firstResponseDueAt) }));
  if (Date.parse(c.closeDueAt) < now) parts.push(t('consult:overdue.missedClose', { at: when(c.closeDueAt) }));
  return parts.join('；');
}

export default function ConsultOverdue() {
  const { t } = useTranslation('consult');
  const [townshipName, setTownshipName] = useState('');
  const overdue = useLoad<ConsultationSummary[]>();
  const { data: items, error } = overdue;

  useStaffPlace(
    'township_staff',
    ({ code, name }) => {
      setTownshipName(name);
      overdue.load(() => call('overdueConsultations', { params: { townshipCode: code } }).then((r) => r.items));
    },
    overdue.fail,
  );

  return (
    <Screen title={t('overdue.title')}>
      <View className="card">
        <View className="title">{t('overdue.title')}</View>
        <View className="subtitle">{t('overdue.subtitle', { township: townshipName })}</View>
      </View>
      <PageError message={error} />
      {!items && !error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="overdue-empty">
          {t('overdue.empty')}
        </View>
      )}
      {items && items.length > 0 && (
        <View className="muted mb-s" id="overdue-count">
          {t('overdue.count', { n: items.length })}
        </View>
      )}
      {items?.map((c) => (
        <View key={c.id}>
          <ConsultItem c={c} handlerView onOpen={() => goto('consultThread', { id: c.id })} />
          <View id={`overdue-missed-${c.id}`} className="late overdue-missed">
            {missed(c)}
          </View>
        </View>
      ))}
    </Screen>
  );
}
