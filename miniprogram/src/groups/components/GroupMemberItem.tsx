import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { GroupMember } from '@vc/types';
import { GROUP_STANDING_LABELS } from '../../shared/labels';
import { Button } from '../../shared/components/Button';
import { inputMaxLength } from '@vc/types/src/constants';

type Action = 'mute' | 'unmute' | 'remove';

interface Props {
  member: GroupMember;
  busy: boolean;
  onDecide: (decision: 'approve' | 'refuse', reason: string) => void;
  onModerate: (action: Action, reason: string) => void;
}

/** A member (or a person asking to join) on the group's manage page, with what a moderator may do. */
export function GroupMemberItem({ member: m, busy, onDecide, onModerate }: Props) {
  const [reason, setReason] = useState('');
  const pending = m.standing === 'pending';
  const actions: { action: Action; label: string }[] =
    m.standing === 'member'
      ? [
          { action: 'mute', label: '禁言' },
          { action: 'remove', label: '移出' },
        ]
      : m.standing === 'muted'
        ? [
            { action: 'unmute', label: '解除禁言' },
            { action: 'remove', label: '移出' },
          ]
        : [];
  return (
    <View className="list-item" id={`member-${m.userId}`}>
      <View className="row">
        <View className="grow" style={{ fontWeight: 'bold' }}>
          {m.name}
        </View>
        <View className="tag" id={`member-standing-${m.userId}`}>
          {GROUP_STANDING_LABELS[m.standing] ?? m.standing}
        </View>
      </View>
      <View className="subtitle">
        {m.role}
        {m.phoneMasked ? ` · ${m.phoneMasked}` : ''}
      </View>
      {m.note && <View className="muted">申请说明：{m.note}</View>}
      {(pending || actions.length > 0) && (
        <Input
          id={`member-reason-${m.userId}`}
          className="input"
          value={reason}
          maxlength={inputMaxLength(200)}
          placeholder={pending ? '理由（选填）' : '原因（必填）'}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      {pending && (
        <View className="row">
          <View className="grow" style={{ marginRight: '8px' }}>
            <Button small id={`approve-${m.userId}`} disabled={busy} onClick={() => onDecide('approve', reason.trim())}>
              同意
            </Button>
          </View>
          <View className="grow">
            <Button small light id={`refuse-${m.userId}`} disabled={busy} onClick={() => onDecide('refuse', reason.trim())}>
              拒绝
            </Button>
          </View>
        </View>
      )}
      {actions.length > 0 && (
        <View className="row">
          {actions.map((a) => (
            <View key={a.action} className="grow" style={{ marginRight: '8px' }}>
              <Button
                small
                light={a.action === 'remove'}
                id={`${a.action}-${m.userId}`}
                disabled={busy}
                onClick={() => onModerate(a.action, reason.trim())}
              >
                {a.label}
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
