import { View } from '@tarojs/components';
import type { RoleChange } from '@vc/types';
import { formatBeijing } from '../../shared/time';

/** One entry of the record of role changes: what happened, to whom, by whom, when and why. */
export function RoleChangeItem({ change: c }: { change: RoleChange }) {
  const whom = c.subject ? `${c.subject.name}：` : '';
  return (
    <View id={`role-change-${c.id}`} className="list-item min-h-auto">
      <View className="row">
        <View className="grow bold">{c.kindLabel}</View>
        <View className="muted">{formatBeijing(c.at, 'full')}</View>
      </View>
      <View>
        {whom}
        {c.placeName} {c.roleLabel}
      </View>
      <View className="muted">
        操作人 {c.actor.name}
        {c.invitedBy ? ` · 邀请人 ${c.invitedBy.name}` : ''}
      </View>
      {c.reason && <View className="muted">原因：{c.reason}</View>}
    </View>
  );
}
