import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { GroupMember } from '@vc/types';
import { formatBeijing } from '../../shared/time';

export type MemberAction = 'approve' | 'refuse' | 'mute' | 'unmute' | 'remove';

/** What a moderator may do to a member of this standing (the server's moderationOutcome and decideJoin). */
export function actionsFor(m: GroupMember): MemberAction[] {
  switch (m.standing) {
    case 'pending':
      return ['approve', 'refuse'];
    case 'member':
      return ['mute', 'remove'];
    case 'muted':
      return ['unmute', 'remove'];
    default:
      return [];
  }
}

/**
 * A member (or a person asking to join) on the group's manage page: one line, tapped for the
 * actions (an action sheet), so a group of 300 is a list to scroll, not 300 forms.
 */
export function GroupMemberItem({
  member: m,
  onTap,
  prefix = 'member',
}: {
  member: GroupMember;
  onTap: () => void;
  prefix?: string;
}) {
  const { t } = useTranslation(['groups', 'labels']);
  return (
    <View className="list-item" id={`${prefix}-${m.userId}`} hoverClass="btn-hover" onClick={onTap}>
      <View className="row">
        <View className="grow bold">{m.name}</View>
        <View className="tag" id={`${prefix}-standing-${m.userId}`}>
          {t(`labels:groupStanding.${m.standing}`)}
        </View>
      </View>
      <View className="subtitle">
        {m.role}
        {m.phoneMasked ? ` · ${m.phoneMasked}` : ''}
      </View>
      {m.standing === 'muted' && (
        <View className="muted" id={`${prefix}-muted-until-${m.userId}`}>
          {m.mutedUntil ? t('member.mutedUntil', { at: formatBeijing(m.mutedUntil, 'full') }) : t('member.mutedOpen')}
        </View>
      )}
      {m.note && <View className="muted">{t('member.note', { note: m.note })}</View>}
    </View>
  );
}
