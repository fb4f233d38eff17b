import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { HeldPost } from '@vc/types';
import { chatTime } from '../services/chat';
import { Button } from '../../shared/components/Button';
import { inputMaxLength } from '@vc/types/src/constants';

interface Props {
  post: HeldPost;
  busy: boolean;
  onDecide: (decision: 'release' | 'reject', reason: string) => void;
}

/** A post held for a moderator: release it to the group or refuse it (optional reason). */
export function GroupHeldItem({ post: p, busy, onDecide }: Props) {
  const { t } = useTranslation('groups');
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
        {t(`held.cause.${p.cause}`)}
      </View>
      {p.status !== 'held' && <View className="tag">{t(`held.status.${p.status}`)}</View>}
      {p.status === 'held' && (
        <View>
          <Input
            id={`held-reason-${p.id}`}
            className="input"
            value={reason}
            maxlength={inputMaxLength(200)}
            placeholder={t('held.reasonPlaceholder')}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className="row">
            <View className="grow gap-right">
              <Button small id={`release-${p.id}`} disabled={busy} onClick={() => onDecide('release', reason.trim())}>
                {t('held.release')}
              </Button>
            </View>
            <View className="grow">
              <Button small light id={`reject-${p.id}`} disabled={busy} onClick={() => onDecide('reject', reason.trim())}>
                {t('held.reject')}
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
