import { useState } from 'react';
import { View } from '@tarojs/components';
import type { ConsultationSummary } from '@vc/types';
import { call } from '../../shared/api';
import { PageError } from '../../shared/components/Message';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto } from '../../shared/nav';
import { ConsultItem } from '../components/ConsultItem';
import { when } from '../services/consult';
import { Screen } from '../../shared/components/Screen';

/** Which limit was missed (限时办结). */
function missed(c: ConsultationSummary, now = Date.now()): string {
  const parts: string[] = [];
  if (!c.firstResponseAt && Date.parse(c.firstResponseDueAt) < now) parts.push(`应于 ${when(c.firstResponseDueAt)} 前首次答复`);
  if (Date.parse(c.closeDueAt) < now) parts.push(`应于 ${when(c.closeDueAt)} 前办结`);
  return parts.join('；');
}

export default function ConsultOverdue() {
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
    <Screen>
      <View className="card">
        <View className="title">超时咨询</View>
        <View className="subtitle">{townshipName}超过首次答复或办结时限、尚未办结的咨询</View>
      </View>
      <PageError message={error} />
      {!items && !error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="overdue-empty">
          没有超时的咨询
        </View>
      )}
      {items && items.length > 0 && (
        <View className="muted mb-s" id="overdue-count">
          共 {items.length} 件超时
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
