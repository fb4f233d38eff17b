import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { HeldPost } from '@vc/types';
import { chatTime } from '../services/chat';
import { Button } from '../../shared/components/Button';
import { inputMaxLength } from '@vc/types/src/constants';

/** Why the content check held a post. */
export const HELD_CAUSE_LABELS: Record<HeldPost['cause'], string> = {
  risky: '内容安全检测认为有风险',
  review: '内容安全检测要求人工审核',
  check_unavailable: '内容安全检测暂不可用',
};

const HELD_STATUS_LABELS: Record<HeldPost['status'], string> = { held: '待审核', released: '已放行', rejected: '不予发布' };

interface Props {
  post: HeldPost;
  busy: boolean;
  onDecide: (decision: 'release' | 'reject', reason: string) => void;
}

/** A post held for a moderator: release it to the group or refuse it (optional reason). */
export function GroupHeldItem({ post: p, busy, onDecide }: Props) {
  const [reason, setReason] = useState('');
  return (
    <View className="list-item" id={`held-${p.id}`}>
      <View className="row">
        <View className="grow bold">
          {p.authorName} · {p.groupName}
        </View>
        <View className="muted">{chatTime(p.at)}</View>
      </View>
      <View className="pre-wrap break-all my-s" id={`held-text-${p.id}`}>
        {p.text}
      </View>
      <View className="tag" id={`held-cause-${p.id}`}>
        {HELD_CAUSE_LABELS[p.cause] ?? p.cause}
      </View>
      {p.status !== 'held' && <View className="tag">{HELD_STATUS_LABELS[p.status]}</View>}
      {p.status === 'held' && (
        <View>
          <Input
            id={`held-reason-${p.id}`}
            className="input"
            value={reason}
            maxlength={inputMaxLength(200)}
            placeholder="理由（选填）"
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className="row">
            <View className="grow gap-right">
              <Button small id={`release-${p.id}`} disabled={busy} onClick={() => onDecide('release', reason.trim())}>
                放行
              </Button>
            </View>
            <View className="grow">
              <Button small light id={`reject-${p.id}`} disabled={busy} onClick={() => onDecide('reject', reason.trim())}>
                不予发布
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
