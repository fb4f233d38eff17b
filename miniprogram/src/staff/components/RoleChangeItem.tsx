import { View } from '@tarojs/components';
import type { RoleChange } from '@vc/types';
import { formatBeijing } from '../../shared/time';
import { useTranslation } from 'react-i18next';

/** One entry of the record of role changes: what happened, to whom, by whom, when and why. */
export function RoleChangeItem({ change: c }: { change: RoleChange }) {
  const { t } = useTranslation('staff');
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
        {c.invitedBy
          ? t('change.actorInvitedBy', { name: c.actor.name, inviter: c.invitedBy.name })
          : t('change.actor', { name: c.actor.name })}
      </View>
      {c.reason && <View className="muted">{t('change.reason', { reason: c.reason })}</View>}
    </View>
  );
}
