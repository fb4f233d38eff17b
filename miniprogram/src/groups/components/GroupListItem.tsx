import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { GroupSummary } from '@vc/types';
import { GROUP_STANDING_LABELS } from '../../shared/labels';
import { Button } from '../../shared/components/Button';
import { inputMaxLength } from '@vc/types/src/constants';

interface Props {
  group: GroupSummary;
  /** messages after the last one this phone has seen */
  unseen: number;
  busy: boolean;
  onOpen: () => void;
  onManage: () => void;
  onJoin: (note: string) => void;
}

const READABLE = ['moderator', 'member', 'muted'];

/** One work group on the list: tap to read; join, ask to join or wait for approval otherwise. */
export function GroupListItem({ group: g, unseen, busy, onOpen, onManage, onJoin }: Props) {
  const [note, setNote] = useState('');
  const readable = READABLE.includes(g.standing);
  const asks = g.standing === 'can_request' || g.standing === 'removed';
  return (
    <View className="list-item" id={`group-${g.code}`}>
      <View className="row" id={readable ? `open-${g.code}` : undefined} onClick={readable ? onOpen : undefined}>
        <View className="grow">
          <View className="bold" id={`group-name-${g.code}`}>
            {g.name}
          </View>
          <View className="muted" id={`group-standing-${g.code}`}>
            {GROUP_STANDING_LABELS[g.standing] ?? g.standing}
            {readable ? ` · 共 ${g.lastSeq} 条消息` : ''}
          </View>
        </View>
        {readable && unseen > 0 && (
          <View className="tag" id={`group-unseen-${g.code}`}>
            {unseen} 条新消息
          </View>
        )}
        {readable && <View className="muted">›</View>}
      </View>
      {g.standing === 'moderator' && (
        <View className="row">
          <View className="grow muted" id={`group-pending-${g.code}`}>
            待审核加入申请 {g.pendingRequests ?? 0} 条
          </View>
          <Button small light id={`manage-${g.code}`} onClick={onManage}>
            管理
          </Button>
        </View>
      )}
      {g.standing === 'can_join' && (
        <Button small id={`join-${g.code}`} disabled={busy} onClick={() => onJoin('')}>
          加入
        </Button>
      )}
      {asks && (
        <View>
          <Input
            id={`join-note-${g.code}`}
            className="input"
            value={note}
            maxlength={inputMaxLength(200)}
            placeholder="申请说明（选填），如：村民代表"
            onInput={(e) => setNote(e.detail.value)}
          />
          <Button small id={`request-${g.code}`} disabled={busy} onClick={() => onJoin(note.trim())}>
            申请加入
          </Button>
        </View>
      )}
      {g.standing === 'pending' && (
        <View className="tag" id={`pending-${g.code}`}>
          申请待审核
        </View>
      )}
    </View>
  );
}
